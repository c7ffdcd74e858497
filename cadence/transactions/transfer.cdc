import "NonFungibleToken"
import "DroplineNFT"

/// Moves NFT `id` from the signer's collection to `recipient`'s. Signer: the NFT's owner.
transaction(recipient: Address, id: UInt64) {
    let nft: @{NonFungibleToken.NFT}
    let receiver: &{NonFungibleToken.Receiver}

    prepare(signer: auth(BorrowValue) &Account) {
        let collection = signer.storage.borrow<auth(NonFungibleToken.Withdraw) &DroplineNFT.Collection>(
                from: DroplineNFT.CollectionStoragePath
            ) ?? panic("DroplineNFT: no collection: the signer has no DroplineNFT collection")
        if collection.borrowNFT(id) == nil {
            panic(DroplineNFT.missingNFTMessage(id: id))
        }
        self.receiver = DroplineNFT.borrowReceiver(recipient)
        self.nft <- collection.withdraw(withdrawID: id)
    }

    execute {
        self.receiver.deposit(token: <-self.nft)
    }
}
