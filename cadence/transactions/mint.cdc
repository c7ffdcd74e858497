import "NonFungibleToken"
import "MetadataViews"
import "DroplineNFT"

/// Mints one DroplineNFT into `recipient`'s collection. Signer: the admin (contract) account.
/// Royalty arrays are parallel (may be empty). The NFT id is in the DroplineNFT.Minted event.
transaction(
    recipient: Address,
    externalId: String,
    name: String,
    description: String,
    thumbnail: String,
    traits: {String: String},
    editionName: String?,
    editionNumber: UInt64?,
    editionMax: UInt64?,
    royaltyAddresses: [Address],
    royaltyCuts: [UFix64],
    royaltyDescriptions: [String]
) {
    let admin: auth(DroplineNFT.Mint) &DroplineNFT.Admin
    let receiver: &{NonFungibleToken.Receiver}
    let royalties: [MetadataViews.Royalty]

    prepare(signer: auth(BorrowValue) &Account) {
        self.admin = signer.storage.borrow<auth(DroplineNFT.Mint) &DroplineNFT.Admin>(from: DroplineNFT.AdminStoragePath)
            ?? panic("DroplineNFT: not admin: the signer holds no DroplineNFT.Admin")
        self.receiver = DroplineNFT.borrowReceiver(recipient)
        self.royalties = DroplineNFT.royaltiesFrom(addresses: royaltyAddresses, cuts: royaltyCuts, descriptions: royaltyDescriptions)
    }

    execute {
        self.admin.mintTo(
            recipient: self.receiver,
            spec: DroplineNFT.MintSpec(
                externalId: externalId,
                name: name,
                description: description,
                thumbnail: thumbnail,
                traits: traits,
                editionName: editionName,
                editionNumber: editionNumber,
                editionMax: editionMax
            ),
            royalties: self.royalties
        )
    }
}
