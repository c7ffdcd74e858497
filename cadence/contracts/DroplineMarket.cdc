import "FungibleToken"
import "FlowToken"
import "NonFungibleToken"
import "MetadataViews"
import "DroplineNFT"

/// DroplineMarket: fixed-price listings of DroplineNFTs for FLOW.
///
/// Each seller keeps one Storefront in their account. The Storefront holds
///   - a provider capability (Withdraw) on the seller's DroplineNFT collection, and
///   - the seller's FLOW receiver capability for the proceeds,
/// and a set of Listings (nftId, price). The NFT stays in the seller's collection until a
/// purchase withdraws it.
///
/// A listing is a "ghost" when its NFT is no longer in the seller's collection (transferred,
/// burned, sold elsewhere) or the provider capability no longer works. Ghost listings cannot
/// be purchased ("DroplineMarket: ghost listing") and anyone may remove them with `cleanup`
/// or `cleanupGhostListings`.
///
/// A purchase pays `price` in a FlowToken vault: each entry of the NFT's Royalties view gets
/// price * cut (a royalty whose receiver no longer works is paid to the seller and reported by
/// RoyaltyUnpaid); the remainder goes to the seller.
///
/// Every panic message starts with "DroplineMarket: <reason>" (see cadence/README.md).
access(all) contract DroplineMarket {

    /// Entitlement of the storefront's owner: create and cancel listings
    access(all) entitlement Sell

    access(all) event StorefrontCreated(storefrontUUID: UInt64)
    access(all) event ListingCreated(listingId: UInt64, seller: Address, nftId: UInt64, externalId: String, price: UFix64)
    access(all) event ListingPurchased(listingId: UInt64, seller: Address, buyer: Address?, nftId: UInt64, externalId: String, price: UFix64)
    access(all) event ListingCancelled(listingId: UInt64, seller: Address, nftId: UInt64)
    access(all) event GhostListingRemoved(listingId: UInt64, seller: Address, nftId: UInt64)
    access(all) event RoyaltyPaid(listingId: UInt64, receiver: Address, amount: UFix64)
    access(all) event RoyaltyUnpaid(listingId: UInt64, receiver: Address, amount: UFix64)

    access(all) let StorefrontStoragePath: StoragePath
    access(all) let StorefrontPublicPath: PublicPath

    /// Listing ids are unique across all storefronts
    access(all) var lastListingId: UInt64

    access(all) struct Listing {
        access(all) let listingId: UInt64
        access(all) let seller: Address
        access(all) let nftId: UInt64
        access(all) let externalId: String
        /// Price in FLOW
        access(all) let price: UFix64
        /// Block timestamp of creation
        access(all) let createdAt: UFix64

        view init(listingId: UInt64, seller: Address, nftId: UInt64, externalId: String, price: UFix64, createdAt: UFix64) {
            self.listingId = listingId
            self.seller = seller
            self.nftId = nftId
            self.externalId = externalId
            self.price = price
            self.createdAt = createdAt
        }
    }

    access(all) resource interface StorefrontPublic {
        access(all) view fun getListingIds(): [UInt64]
        access(all) view fun getListing(_ listingId: UInt64): Listing?
        access(all) view fun listingIdForNFT(_ nftId: UInt64): UInt64?
        access(all) view fun isGhost(_ listingId: UInt64): Bool
        access(all) fun purchase(listingId: UInt64, payment: @{FungibleToken.Vault}, recipient: &{NonFungibleToken.Receiver})
        access(all) fun cleanup(listingId: UInt64)
        access(all) fun cleanupGhostListings(listingIds: [UInt64]?): [UInt64]
    }

    access(all) resource Storefront: StorefrontPublic {
        access(self) let provider: Capability<auth(NonFungibleToken.Withdraw) &DroplineNFT.Collection>
        access(self) let paymentReceiver: Capability<&{FungibleToken.Receiver}>
        access(self) let listings: {UInt64: Listing}
        /// nftId -> listingId: at most one listing per NFT
        access(self) let listingIdsByNFT: {UInt64: UInt64}

        init(
            provider: Capability<auth(NonFungibleToken.Withdraw) &DroplineNFT.Collection>,
            paymentReceiver: Capability<&{FungibleToken.Receiver}>
        ) {
            pre {
                provider.check(): "DroplineMarket: invalid argument: the collection provider capability does not work"
                paymentReceiver.check(): "DroplineMarket: invalid argument: the payment receiver capability does not work"
                provider.address == paymentReceiver.address:
                    "DroplineMarket: invalid argument: provider and payment receiver belong to different accounts"
            }
            self.provider = provider
            self.paymentReceiver = paymentReceiver
            self.listings = {}
            self.listingIdsByNFT = {}
        }

        /// Lists an NFT of the storefront owner's collection for `price` FLOW; returns the listing id
        access(Sell) fun createListing(nftId: UInt64, price: UFix64): UInt64 {
            pre {
                price > 0.0: "DroplineMarket: invalid price: it must be greater than 0"
            }
            let seller = self.owner?.address
                ?? panic("DroplineMarket: no storefront: the storefront must be saved in an account before listing")
            if self.provider.address != seller {
                panic("DroplineMarket: not owner: the storefront's collection belongs to another account")
            }
            let collection = self.provider.borrow()
                ?? panic("DroplineMarket: not owner: the seller's DroplineNFT collection is not reachable")
            let nft = collection.borrowDroplineNFT(nftId)
                ?? panic("DroplineMarket: not owner: ".concat(DroplineNFT.missingNFTMessage(id: nftId)))
            if let existing = self.listingIdsByNFT[nftId] {
                panic("DroplineMarket: already listed: NFT ".concat(nftId.toString()).concat(" is listing ").concat(existing.toString()))
            }

            let listingId = DroplineMarket.lastListingId + 1
            DroplineMarket.lastListingId = listingId
            self.listings[listingId] = Listing(
                listingId: listingId,
                seller: seller,
                nftId: nftId,
                externalId: nft.externalId,
                price: price,
                createdAt: getCurrentBlock().timestamp
            )
            self.listingIdsByNFT[nftId] = listingId
            emit ListingCreated(listingId: listingId, seller: seller, nftId: nftId, externalId: nft.externalId, price: price)
            return listingId
        }

        access(Sell) fun cancelListing(listingId: UInt64) {
            let listing = self.removeListing(listingId)
            emit ListingCancelled(listingId: listingId, seller: listing.seller, nftId: listing.nftId)
        }

        access(all) view fun getListingIds(): [UInt64] {
            return self.listings.keys
        }

        access(all) view fun getListing(_ listingId: UInt64): Listing? {
            return self.listings[listingId]
        }

        access(all) view fun listingIdForNFT(_ nftId: UInt64): UInt64? {
            return self.listingIdsByNFT[nftId]
        }

        /// True if the listing exists but its NFT can no longer be withdrawn from the seller
        access(all) view fun isGhost(_ listingId: UInt64): Bool {
            if let listing = self.listings[listingId] {
                return self.borrowListedNFT(listing) == nil
            }
            return false
        }

        access(all) fun purchase(listingId: UInt64, payment: @{FungibleToken.Vault}, recipient: &{NonFungibleToken.Receiver}) {
            let listing = self.listings[listingId]
                ?? panic("DroplineMarket: listing not found: ".concat(listingId.toString()))
            if payment.getType() != Type<@FlowToken.Vault>() {
                panic("DroplineMarket: wrong payment: the listing is priced in FLOW, not ".concat(payment.getType().identifier))
            }
            if payment.balance != listing.price {
                panic("DroplineMarket: wrong payment: the price is ".concat(listing.price.toString())
                    .concat(" FLOW, the payment holds ").concat(payment.balance.toString()))
            }
            let nftRef = self.borrowListedNFT(listing)
                ?? panic("DroplineMarket: ghost listing: NFT ".concat(listing.nftId.toString())
                    .concat(" of listing ").concat(listingId.toString()).concat(" is no longer in the seller's collection"))
            let sellerReceiver = self.paymentReceiver.borrow()
                ?? panic("DroplineMarket: seller cannot be paid: the seller's FLOW receiver does not work")

            // Royalties from the NFT's Royalties view; what they don't take goes to the seller.
            let price = listing.price
            if let royalties = MetadataViews.getRoyalties(nftRef) {
                for royalty in royalties.getRoyalties() {
                    let amount = price * royalty.cut
                    if amount == 0.0 {
                        continue
                    }
                    if let receiver = royalty.receiver.borrow() {
                        receiver.deposit(from: <-payment.withdraw(amount: amount))
                        emit RoyaltyPaid(listingId: listingId, receiver: royalty.receiver.address, amount: amount)
                    } else {
                        emit RoyaltyUnpaid(listingId: listingId, receiver: royalty.receiver.address, amount: amount)
                    }
                }
            }
            sellerReceiver.deposit(from: <-payment)

            self.removeListing(listingId)
            let nft <- self.provider.borrow()!.withdraw(withdrawID: listing.nftId)
            assert(nft.id == listing.nftId, message: "DroplineMarket: ghost listing: the seller's collection returned another NFT")
            emit ListingPurchased(
                listingId: listingId,
                seller: listing.seller,
                buyer: recipient.owner?.address,
                nftId: listing.nftId,
                externalId: listing.externalId,
                price: price
            )
            recipient.deposit(token: <-nft)
        }

        /// Removes one ghost listing; anyone may call it. Fails if the listing is not a ghost.
        access(all) fun cleanup(listingId: UInt64) {
            let listing = self.listings[listingId]
                ?? panic("DroplineMarket: listing not found: ".concat(listingId.toString()))
            if self.borrowListedNFT(listing) != nil {
                panic("DroplineMarket: not a ghost listing: NFT ".concat(listing.nftId.toString()).concat(" is still in the seller's collection"))
            }
            self.removeListing(listingId)
            emit GhostListingRemoved(listingId: listingId, seller: listing.seller, nftId: listing.nftId)
        }

        /// Removes the ghosts among `listingIds` (all listings if nil), skipping ids that are
        /// unknown or not ghosts; anyone may call it. Returns the removed listing ids.
        access(all) fun cleanupGhostListings(listingIds: [UInt64]?): [UInt64] {
            let removed: [UInt64] = []
            for listingId in listingIds ?? self.listings.keys {
                if self.isGhost(listingId) {
                    self.cleanup(listingId: listingId)
                    removed.append(listingId)
                }
            }
            return removed
        }

        access(self) view fun borrowListedNFT(_ listing: Listing): &DroplineNFT.NFT? {
            if let collection = self.provider.borrow() {
                return collection.borrowDroplineNFT(listing.nftId)
            }
            return nil
        }

        access(self) fun removeListing(_ listingId: UInt64): Listing {
            let listing = self.listings.remove(key: listingId)
                ?? panic("DroplineMarket: listing not found: ".concat(listingId.toString()))
            self.listingIdsByNFT.remove(key: listing.nftId)
            return listing
        }
    }

    access(all) fun createStorefront(
        provider: Capability<auth(NonFungibleToken.Withdraw) &DroplineNFT.Collection>,
        paymentReceiver: Capability<&{FungibleToken.Receiver}>
    ): @Storefront {
        let storefront <- create Storefront(provider: provider, paymentReceiver: paymentReceiver)
        emit StorefrontCreated(storefrontUUID: storefront.uuid)
        return <-storefront
    }

    /// The public side of `seller`'s storefront, or nil if they have none
    access(all) view fun borrowStorefront(_ seller: Address): &{StorefrontPublic}? {
        return getAccount(seller).capabilities.borrow<&{StorefrontPublic}>(self.StorefrontPublicPath)
    }

    init() {
        self.StorefrontStoragePath = /storage/droplineStorefront
        self.StorefrontPublicPath = /public/droplineStorefront
        self.lastListingId = 0
    }
}
