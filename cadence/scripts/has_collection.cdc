import "DroplineNFT"

/// Whether `address` has a DroplineNFT collection with a working public capability.
access(all) fun main(address: Address): Bool {
    return getAccount(address).capabilities.borrow<&DroplineNFT.Collection>(DroplineNFT.CollectionPublicPath) != nil
}
