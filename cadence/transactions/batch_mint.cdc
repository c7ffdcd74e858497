import "NonFungibleToken"
import "MetadataViews"
import "DroplineNFT"

/// Mints one DroplineNFT per externalId, each with its own metadata. Signer: the admin account.
/// - `recipients`: one address for all items, or one per item.
/// - `externalIds`, `names`, `descriptions`, `thumbnails`: one per item.
/// - `traits`, `editionNumbers`: one per item, or empty for none (edition number = serial).
/// - edition name/max and royalties are shared by the batch.
/// All or nothing: one bad item (e.g. a duplicate externalId) fails the whole transaction.
transaction(
    recipients: [Address],
    externalIds: [String],
    names: [String],
    descriptions: [String],
    thumbnails: [String],
    traits: [{String: String}],
    editionName: String?,
    editionNumbers: [UInt64],
    editionMax: UInt64?,
    royaltyAddresses: [Address],
    royaltyCuts: [UFix64],
    royaltyDescriptions: [String]
) {
    let admin: auth(DroplineNFT.Mint) &DroplineNFT.Admin
    let receivers: [&{NonFungibleToken.Receiver}]
    let royalties: [MetadataViews.Royalty]

    prepare(signer: auth(BorrowValue) &Account) {
        let n = externalIds.length
        if n == 0 || names.length != n || descriptions.length != n || thumbnails.length != n
            || (traits.length != 0 && traits.length != n)
            || (editionNumbers.length != 0 && editionNumbers.length != n)
            || (recipients.length != 1 && recipients.length != n) {
            panic("DroplineNFT: invalid argument: batch arrays differ in length")
        }
        self.admin = signer.storage.borrow<auth(DroplineNFT.Mint) &DroplineNFT.Admin>(from: DroplineNFT.AdminStoragePath)
            ?? panic("DroplineNFT: not admin: the signer holds no DroplineNFT.Admin")
        // Borrow each distinct recipient once.
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
                name: names[i],
                description: descriptions[i],
                thumbnail: thumbnails[i],
                traits: traits.length == 0 ? {} : traits[i],
                editionName: editionName,
                editionNumber: editionNumbers.length == 0 ? nil : editionNumbers[i],
                editionMax: editionMax
            ))
            i = i + 1
        }
        self.admin.batchMintTo(recipients: self.receivers, specs: specs, royalties: self.royalties)
    }
}
