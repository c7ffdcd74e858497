import "DroplineMarket"

access(all) struct ListingInfo {
    access(all) let listingId: UInt64
    access(all) let seller: Address
    access(all) let nftId: UInt64
    access(all) let externalId: String
    access(all) let price: UFix64
    access(all) let createdAt: UFix64
    /// True if the NFT has left the seller's collection: the listing cannot be bought
    access(all) let ghost: Bool

    init(_ listing: DroplineMarket.Listing, ghost: Bool) {
        self.listingId = listing.listingId
        self.seller = listing.seller
        self.nftId = listing.nftId
        self.externalId = listing.externalId
        self.price = listing.price
        self.createdAt = listing.createdAt
        self.ghost = ghost
    }
}

/// Listing `listingId` of `seller`'s storefront; nil if there is no such listing or storefront.
access(all) fun main(seller: Address, listingId: UInt64): ListingInfo? {
    if let storefront = DroplineMarket.borrowStorefront(seller) {
        if let listing = storefront.getListing(listingId) {
            return ListingInfo(listing, ghost: storefront.isGhost(listingId))
        }
    }
    return nil
}
