import "NonFungibleToken"
import "MetadataViews"
import "DroplineNFT"

/// Airdrop: mints the same design straight into many recipients' collections, one NFT per
/// (recipient, externalId) pair. Signer: the admin account.
/// Edition numbers run firstEditionNumber, firstEditionNumber+1, ... in array order
/// (nil: each NFT's serial), so a drop split over several transactions stays numbered.
/// All or nothing, like batch_mint.
transaction(
    recipients: [Address],
    externalIds: [String],
    name: String,
    description: String,
    thumbnail: String,
    traits: {String: String},
    editionName: String?,
    firstEditionNumber: UInt64?,
    editionMax: UInt64?,
    royaltyAddresses: [Address],
    royaltyCuts: [UFix64],
    royaltyDescriptions: [String]
) {
    let admin: auth(DroplineNFT.Mint) &DroplineNFT.Admin
    let receivers: [&{NonFungibleToken.Receiver}]
    let royalties: [MetadataViews.Royalty]

    prepare(signer: auth(BorrowValue) &Account) {
        if externalIds.length == 0 || recipients.length != externalIds.length {
            panic("DroplineNFT: invalid argument: give one externalId per recipient")
        }
        self.admin = signer.storage.borrow<auth(DroplineNFT.Mint) &DroplineNFT.Admin>(from: DroplineNFT.AdminStoragePath)
            ?? panic("DroplineNFT: not admin: the signer holds no DroplineNFT.Admin")
        let byAddress: {Address: &{NonFungibleToken.Receiver}} = {}
        self.receivers = []
        for address in recipients {
            if byAddress[address] == nil {
                byAddress[address] = DroplineNFT.borrowReceiver(address)
            }
            self.receivers.append(byAddress[address]!)
        }
        self.royalties = DroplineNFT.royaltiesFrom(addresses: royaltyAddresses, cuts: royaltyCuts, descriptions: royaltyDescriptions)
    }

    execute {
        let specs: [DroplineNFT.MintSpec] = []
        var i = 0
        while i < externalIds.length {
            specs.append(DroplineNFT.MintSpec(
                externalId: externalIds[i],
                name: name,
                description: description,
                thumbnail: thumbnail,
                traits: traits,
                editionName: editionName,
                editionNumber: firstEditionNumber == nil ? nil : firstEditionNumber! + UInt64(i),
                editionMax: editionMax
            ))
            i = i + 1
        }
        self.admin.batchMintTo(recipients: self.receivers, specs: specs, royalties: self.royalties)
    }
}
