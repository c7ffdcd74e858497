import "DroplineNFT"

/// The ids of the DroplineNFTs `address` holds (unordered); empty if it has no collection.
access(all) fun main(address: Address): [UInt64] {
    if let collection = getAccount(address).capabilities.borrow<&DroplineNFT.Collection>(DroplineNFT.CollectionPublicPath) {
        return collection.getIDs()
    }
    return []
}
