import "FungibleToken"
import "NonFungibleToken"
import "DroplineNFT"
import "DroplineMarket"

/// Lists the signer's NFT `nftId` for `price` FLOW. Signer: the seller (the NFT's owner).
/// On first use it creates the seller's Storefront (with a Withdraw capability on their
/// DroplineNFT collection and their FLOW receiver for the proceeds) and publishes it.
/// The listing id is in the DroplineMarket.ListingCreated event.
transaction(nftId: UInt64, price: UFix64) {
    let storefront: auth(DroplineMarket.Sell) &DroplineMarket.Storefront

    prepare(seller: auth(BorrowValue, SaveValue, IssueStorageCapabilityController, PublishCapability, UnpublishCapability) &Account) {
        if seller.storage.borrow<&DroplineNFT.Collection>(from: DroplineNFT.CollectionStoragePath) == nil {
            panic("DroplineMarket: not owner: the seller has no DroplineNFT collection")
        }
        if seller.storage.borrow<&DroplineMarket.Storefront>(from: DroplineMarket.StorefrontStoragePath) == nil {
            let provider = seller.capabilities.storage.issue<auth(NonFungibleToken.Withdraw) &DroplineNFT.Collection>(
                DroplineNFT.CollectionStoragePath
            )
            let paymentReceiver = seller.capabilities.get<&{FungibleToken.Receiver}>(/public/flowTokenReceiver)
            seller.storage.save(
                <-DroplineMarket.createStorefront(provider: provider, paymentReceiver: paymentReceiver),
                to: DroplineMarket.StorefrontStoragePath
            )
            seller.capabilities.unpublish(DroplineMarket.StorefrontPublicPath)
            let publicCap = seller.capabilities.storage.issue<&{DroplineMarket.StorefrontPublic}>(DroplineMarket.StorefrontStoragePath)
            seller.capabilities.publish(publicCap, at: DroplineMarket.StorefrontPublicPath)
        }
        self.storefront = seller.storage.borrow<auth(DroplineMarket.Sell) &DroplineMarket.Storefront>(
                from: DroplineMarket.StorefrontStoragePath
            )!
    }

    execute {
        self.storefront.createListing(nftId: nftId, price: price)
    }
}
