import "DroplineMarket"

/// Cancels listing `listingId` of the signer's storefront. Signer: the seller.
transaction(listingId: UInt64) {
    let storefront: auth(DroplineMarket.Sell) &DroplineMarket.Storefront

    prepare(seller: auth(BorrowValue) &Account) {
        self.storefront = seller.storage.borrow<auth(DroplineMarket.Sell) &DroplineMarket.Storefront>(
                from: DroplineMarket.StorefrontStoragePath
            ) ?? panic("DroplineMarket: no storefront: the signer has no DroplineMarket storefront")
    }

    execute {
        self.storefront.cancelListing(listingId: listingId)
    }
}
