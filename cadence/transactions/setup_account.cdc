import "NonFungibleToken"
import "DroplineNFT"

/// Gives the signer a DroplineNFT collection and publishes its public capability.
/// Idempotent: an existing collection is kept, a missing or broken public capability is
/// (re)published.
transaction {
    prepare(signer: auth(BorrowValue, SaveValue, IssueStorageCapabilityController, PublishCapability, UnpublishCapability) &Account) {
        if signer.storage.borrow<&DroplineNFT.Collection>(from: DroplineNFT.CollectionStoragePath) == nil {
            if signer.storage.type(at: DroplineNFT.CollectionStoragePath) != nil {
                panic("DroplineNFT: invalid argument: the collection storage path holds something else")
            }
            signer.storage.save(
                <-DroplineNFT.createEmptyCollection(nftType: Type<@DroplineNFT.NFT>()),
                to: DroplineNFT.CollectionStoragePath
            )
        }
        if signer.capabilities.borrow<&DroplineNFT.Collection>(DroplineNFT.CollectionPublicPath) == nil {
            signer.capabilities.unpublish(DroplineNFT.CollectionPublicPath)
            let cap = signer.capabilities.storage.issue<&DroplineNFT.Collection>(DroplineNFT.CollectionStoragePath)
            signer.capabilities.publish(cap, at: DroplineNFT.CollectionPublicPath)
        }
    }
}
