import "FungibleToken"
import "FlowToken"
import "NonFungibleToken"
import "DroplineNFT"
import "DroplineMarket"

/// Buys listing `listingId` of `seller`'s storefront. Signer: the buyer, who pays the price
/// from their FLOW vault and receives the NFT (their collection is set up if missing).
transaction(seller: Address, listingId: UInt64) {
    let storefront: &{DroplineMarket.StorefrontPublic}
    let payment: @{FungibleToken.Vault}
    let receiver: &{NonFungibleToken.Receiver}

    prepare(buyer: auth(BorrowValue, SaveValue, IssueStorageCapabilityController, PublishCapability, UnpublishCapability) &Account) {
        self.storefront = DroplineMarket.borrowStorefront(seller)
            ?? panic("DroplineMarket: no storefront: ".concat(seller.toString()).concat(" has no DroplineMarket storefront"))
        let listing = self.storefront.getListing(listingId)
            ?? panic("DroplineMarket: listing not found: ".concat(listingId.toString()))

        if buyer.storage.borrow<&DroplineNFT.Collection>(from: DroplineNFT.CollectionStoragePath) == nil {
            buyer.storage.save(
                <-DroplineNFT.createEmptyCollection(nftType: Type<@DroplineNFT.NFT>()),
                to: DroplineNFT.CollectionStoragePath
            )
        }
        if buyer.capabilities.borrow<&DroplineNFT.Collection>(DroplineNFT.CollectionPublicPath) == nil {
            buyer.capabilities.unpublish(DroplineNFT.CollectionPublicPath)
            let cap = buyer.capabilities.storage.issue<&DroplineNFT.Collection>(DroplineNFT.CollectionStoragePath)
            buyer.capabilities.publish(cap, at: DroplineNFT.CollectionPublicPath)
        }
        self.receiver = buyer.capabilities.borrow<&{NonFungibleToken.Receiver}>(DroplineNFT.CollectionPublicPath)!

        let vault = buyer.storage.borrow<auth(FungibleToken.Withdraw) &FlowToken.Vault>(from: /storage/flowTokenVault)
            ?? panic("DroplineMarket: insufficient funds: the buyer has no FLOW vault")
        if vault.balance < listing.price {
            panic("DroplineMarket: insufficient funds: the price is ".concat(listing.price.toString())
                .concat(" FLOW, the buyer holds ").concat(vault.balance.toString()))
        }
        self.payment <- vault.withdraw(amount: listing.price)
    }

    execute {
        self.storefront.purchase(listingId: listingId, payment: <-self.payment, recipient: self.receiver)
    }
}
