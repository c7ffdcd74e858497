import "DroplineMarket"

/// Removes ghost listings (their NFT left the seller's collection) from `seller`'s storefront.
/// `listingIds`: the listings to check, or empty for all of them; ids that are not ghosts or
/// no longer exist are skipped. Signer: anyone. Removed ids: DroplineMarket.GhostListingRemoved events.
transaction(seller: Address, listingIds: [UInt64]) {
    let storefront: &{DroplineMarket.StorefrontPublic}

    prepare(signer: &Account) {
        self.storefront = DroplineMarket.borrowStorefront(seller)
            ?? panic("DroplineMarket: no storefront: ".concat(seller.toString()).concat(" has no DroplineMarket storefront"))
    }

    execute {
        self.storefront.cleanupGhostListings(listingIds: listingIds.length == 0 ? nil : listingIds)
    }
}
