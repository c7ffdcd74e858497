import "MetadataViews"
import "DroplineNFT"

access(all) struct RoyaltyInfo {
    access(all) let receiver: Address
    access(all) let cut: UFix64
    access(all) let description: String

    init(receiver: Address, cut: UFix64, description: String) {
        self.receiver = receiver
        self.cut = cut
        self.description = description
    }
}

access(all) struct NFTInfo {
    access(all) let id: UInt64
    access(all) let owner: Address
    access(all) let externalId: String
    access(all) let name: String
    access(all) let description: String
    access(all) let thumbnail: String
    access(all) let externalURL: String
    access(all) let serial: UInt64
    access(all) let editionName: String?
    access(all) let editionNumber: UInt64
    access(all) let editionMax: UInt64?
    access(all) let royalties: [RoyaltyInfo]
    access(all) let traits: {String: String}

    init(
        id: UInt64, owner: Address, externalId: String, name: String, description: String, thumbnail: String,
        externalURL: String, serial: UInt64, edition: MetadataViews.Edition, royalties: [RoyaltyInfo], traits: {String: String}
    ) {
        self.id = id
        self.owner = owner
        self.externalId = externalId
        self.name = name
        self.description = description
        self.thumbnail = thumbnail
        self.externalURL = externalURL
        self.serial = serial
        self.editionName = edition.name
        self.editionNumber = edition.number
        self.editionMax = edition.max
        self.royalties = royalties
        self.traits = traits
    }
}

/// NFT `id` as held by `owner`, read through its metadata views; nil if `owner` has no
/// DroplineNFT collection or does not hold that NFT.
access(all) fun main(owner: Address, id: UInt64): NFTInfo? {
    let collection = getAccount(owner).capabilities.borrow<&DroplineNFT.Collection>(DroplineNFT.CollectionPublicPath)
    if collection == nil {
        return nil
    }
    let nft = collection!.borrowDroplineNFT(id)
    if nft == nil {
        return nil
    }
    let ref = nft!
    let display = MetadataViews.getDisplay(ref)!
    let serial = MetadataViews.getSerial(ref)!
    let editions = MetadataViews.getEditions(ref)!
    let externalURL = MetadataViews.getExternalURL(ref)!

    let royalties: [RoyaltyInfo] = []
    for royalty in MetadataViews.getRoyalties(ref)!.getRoyalties() {
        royalties.append(RoyaltyInfo(receiver: royalty.receiver.address, cut: royalty.cut, description: royalty.description))
    }
    let traits: {String: String} = {}
    for trait in MetadataViews.getTraits(ref)!.traits {
        traits[trait.name] = trait.value as? String ?? ""
    }

    return NFTInfo(
        id: ref.id,
        owner: owner,
        externalId: ref.externalId,
        name: display.name,
        description: display.description,
        thumbnail: display.thumbnail.uri(),
        externalURL: externalURL.url,
        serial: serial.number,
        edition: editions.infoList[0],
        royalties: royalties,
        traits: traits
    )
}
