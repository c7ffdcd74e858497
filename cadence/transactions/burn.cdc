import "NonFungibleToken"
import "DroplineNFT"

/// Burns NFT `id` from the signer's collection. Signer: the NFT's holder — the admin account
/// for its own inventory, or a custodial account (the platform signs with its key) for a
/// user's NFT. Its externalId stays taken; a listing of it becomes a ghost listing.
transaction(id: UInt64) {
    let collection: auth(NonFungibleToken.Withdraw) &DroplineNFT.Collection

    prepare(signer: auth(BorrowValue) &Account) {
        self.collection = signer.storage.borrow<auth(NonFungibleToken.Withdraw) &DroplineNFT.Collection>(
                from: DroplineNFT.CollectionStoragePath
            ) ?? panic("DroplineNFT: no collection: the signer has no DroplineNFT collection")
        if self.collection.borrowNFT(id) == nil {
            panic(DroplineNFT.missingNFTMessage(id: id))
        }
    }

    execute {
        let nft <- self.collection.withdraw(withdrawID: id) as! @DroplineNFT.NFT
        DroplineNFT.burn(<-nft)
    }
}
