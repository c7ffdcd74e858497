import "FungibleToken"
import "NonFungibleToken"
import "ViewResolver"
import "MetadataViews"

/// DroplineNFT: the NFTs that dropline mints for its orders.
///
/// - Implements the Flow NonFungibleToken standard (Cadence 1.0) with the MetadataViews
///   Display, Editions, Serial, Royalties, ExternalURL, NFTCollectionData,
///   NFTCollectionDisplay and Traits.
/// - Every NFT carries an `externalId` (dropline's operation / order-line id). The contract
///   keeps `externalId -> id` for ever (also after a burn), so a retried mint of the same
///   externalId fails with "DroplineNFT: duplicate externalId" instead of minting twice.
/// - Name, description, thumbnail and traits are mutable by the Admin. Because NFTs live in
///   their owners' collections, that metadata is kept here in `records` (index id - 1; ids are
///   sequential from 1), and the NFT's views read it from there. A record is non-nil exactly
///   while the NFT is live. An append-only array instead of a dictionary keeps a batch mint
///   from rewriting storage slabs all over a large dictionary (see cadence/README.md).
/// - Burning: whoever holds an NFT (with the Withdraw entitlement on their collection)
///   burns it by passing it to `DroplineNFT.burn`. The Admin burns only what the admin
///   account holds; a custodial user's NFT is burned by a transaction that the custodial
///   account authorizes. Possession of the resource is the authority, as in Cadence itself.
///
/// Every panic message starts with "DroplineNFT: <reason>" (see cadence/README.md).
access(all) contract DroplineNFT: NonFungibleToken {

    /// Entitlement for minting (held through the Admin resource)
    access(all) entitlement Mint

    /// Entitlement for metadata and collection-info updates
    access(all) entitlement Manage

    access(all) event Minted(id: UInt64, uuid: UInt64, externalId: String, serial: UInt64, to: Address?)
    access(all) event Burned(id: UInt64, externalId: String)
    access(all) event MetadataUpdated(id: UInt64, externalId: String)
    access(all) event CollectionInfoUpdated()

    access(all) let CollectionStoragePath: StoragePath
    access(all) let CollectionPublicPath: PublicPath
    access(all) let AdminStoragePath: StoragePath

    /// Number of NFTs ever minted; the last minted NFT has id == serial == totalMinted
    access(all) var totalMinted: UInt64
    /// Number of NFTs burned through `burn`
    access(all) var totalBurned: UInt64

    /// Collection-level presentation (NFTCollectionDisplay, ExternalURL), settable by the Admin
    access(all) var collectionInfo: CollectionInfo

    /// externalId -> NFT id; never removed, so an externalId can be minted once only
    access(self) let idsByExternalId: {String: UInt64}

    /// records[id - 1]: mutable metadata of NFT `id`; nil once burned
    access(self) let records: [Record?]

    /// The mutable metadata of one NFT
    access(all) struct Record {
        access(all) let externalId: String
        access(all) let name: String
        access(all) let description: String
        access(all) let thumbnail: String
        access(all) let traits: {String: String}

        view init(externalId: String, name: String, description: String, thumbnail: String, traits: {String: String}) {
            self.externalId = externalId
            self.name = name
            self.description = description
            self.thumbnail = thumbnail
            self.traits = traits
        }
    }

    /// What one mint needs besides royalties. Transactions build these from their arguments.
    access(all) struct MintSpec {
        access(all) let externalId: String
        access(all) let name: String
        access(all) let description: String
        access(all) let thumbnail: String
        access(all) let traits: {String: String}
        /// Edition name; nil means "Dropline"
        access(all) let editionName: String?
        /// Edition number; nil means the NFT's serial
        access(all) let editionNumber: UInt64?
        /// Size of a limited edition; nil means open
        access(all) let editionMax: UInt64?

        init(
            externalId: String,
            name: String,
            description: String,
            thumbnail: String,
            traits: {String: String},
            editionName: String?,
            editionNumber: UInt64?,
            editionMax: UInt64?
        ) {
            pre {
                externalId.length > 0 && externalId.length <= 256:
                    "DroplineNFT: invalid externalId: it must be 1 to 256 characters long"
                editionNumber == nil || editionMax == nil || editionNumber! <= editionMax!:
                    "DroplineNFT: invalid edition: editionNumber is greater than editionMax"
            }
            self.externalId = externalId
            self.name = name
            self.description = description
            self.thumbnail = thumbnail
            self.traits = traits
            self.editionName = editionName
            self.editionNumber = editionNumber
            self.editionMax = editionMax
        }
    }

    access(all) struct CollectionInfo {
        access(all) let name: String
        access(all) let description: String
        /// Site of the collection; also the prefix of every NFT's ExternalURL (url + "/" + id)
        access(all) let externalURL: String
        access(all) let squareImage: String
        access(all) let bannerImage: String

        view init(name: String, description: String, externalURL: String, squareImage: String, bannerImage: String) {
            self.name = name
            self.description = description
            self.externalURL = externalURL
            self.squareImage = squareImage
            self.bannerImage = bannerImage
        }
    }

    access(all) resource NFT: NonFungibleToken.NFT {
        access(all) let id: UInt64
        access(all) let externalId: String
        access(all) let serial: UInt64
        access(all) let edition: MetadataViews.Edition
        access(self) let royalties: [MetadataViews.Royalty]

        init(id: UInt64, externalId: String, edition: MetadataViews.Edition, royalties: [MetadataViews.Royalty]) {
            self.id = id
            self.externalId = externalId
            self.serial = id
            self.edition = edition
            self.royalties = royalties
        }

        access(all) fun createEmptyCollection(): @{NonFungibleToken.Collection} {
            return <-DroplineNFT.createEmptyCollection(nftType: Type<@DroplineNFT.NFT>())
        }

        access(all) view fun getRoyalties(): [MetadataViews.Royalty] {
            return self.royalties
        }

        /// The NFT's current mutable metadata (a copy)
        access(all) view fun getRecord(): Record {
            return DroplineNFT.getRecord(self.id)
                ?? Record(externalId: self.externalId, name: "", description: "", thumbnail: "", traits: {})
        }

        access(all) view fun getViews(): [Type] {
            return [
                Type<MetadataViews.Display>(),
                Type<MetadataViews.Editions>(),
                Type<MetadataViews.Serial>(),
                Type<MetadataViews.Royalties>(),
                Type<MetadataViews.ExternalURL>(),
                Type<MetadataViews.NFTCollectionData>(),
                Type<MetadataViews.NFTCollectionDisplay>(),
                Type<MetadataViews.Traits>()
            ]
        }

        access(all) fun resolveView(_ view: Type): AnyStruct? {
            switch view {
                case Type<MetadataViews.Display>():
                    let record = self.getRecord()
                    return MetadataViews.Display(
                        name: record.name,
                        description: record.description,
                        thumbnail: MetadataViews.HTTPFile(url: record.thumbnail)
                    )
                case Type<MetadataViews.Editions>():
                    return MetadataViews.Editions([self.edition])
                case Type<MetadataViews.Serial>():
                    return MetadataViews.Serial(self.serial)
                case Type<MetadataViews.Royalties>():
                    return MetadataViews.Royalties(self.royalties)
                case Type<MetadataViews.ExternalURL>():
                    return DroplineNFT.externalURLFor(id: self.id)
                case Type<MetadataViews.NFTCollectionData>():
                    return DroplineNFT.resolveContractView(resourceType: Type<@DroplineNFT.NFT>(), viewType: view)
                case Type<MetadataViews.NFTCollectionDisplay>():
                    return DroplineNFT.resolveContractView(resourceType: Type<@DroplineNFT.NFT>(), viewType: view)
                case Type<MetadataViews.Traits>():
                    let traits: [MetadataViews.Trait] = []
                    let record = self.getRecord()
                    for name in record.traits.keys {
                        traits.append(MetadataViews.Trait(name: name, value: record.traits[name]!, displayType: nil, rarity: nil))
                    }
                    return MetadataViews.Traits(traits)
            }
            return nil
        }
    }

    access(all) resource Collection: NonFungibleToken.Collection {
        access(all) var ownedNFTs: @{UInt64: {NonFungibleToken.NFT}}

        init() {
            self.ownedNFTs <- {}
        }

        access(all) view fun getSupportedNFTTypes(): {Type: Bool} {
            return {Type<@DroplineNFT.NFT>(): true}
        }

        access(all) view fun isSupportedNFTType(type: Type): Bool {
            return type == Type<@DroplineNFT.NFT>()
        }

        access(NonFungibleToken.Withdraw) fun withdraw(withdrawID: UInt64): @{NonFungibleToken.NFT} {
            let token <- self.ownedNFTs.remove(key: withdrawID)
                ?? panic(DroplineNFT.missingNFTMessage(id: withdrawID))
            return <-token
        }

        access(all) fun deposit(token: @{NonFungibleToken.NFT}) {
            let nft <- token as! @DroplineNFT.NFT
            let old <- self.ownedNFTs[nft.id] <- nft
            destroy old
        }

        access(all) view fun getIDs(): [UInt64] {
            return self.ownedNFTs.keys
        }

        access(all) view fun getLength(): Int {
            return self.ownedNFTs.length
        }

        access(all) view fun borrowNFT(_ id: UInt64): &{NonFungibleToken.NFT}? {
            return &self.ownedNFTs[id]
        }

        /// Typed borrow, for reading `externalId`, `serial` and the record
        access(all) view fun borrowDroplineNFT(_ id: UInt64): &DroplineNFT.NFT? {
            if let nft = &self.ownedNFTs[id] as &{NonFungibleToken.NFT}? {
                return nft as! &DroplineNFT.NFT
            }
            return nil
        }

        access(all) view fun borrowViewResolver(id: UInt64): &{ViewResolver.Resolver}? {
            if let nft = &self.ownedNFTs[id] as &{NonFungibleToken.NFT}? {
                return nft as &{ViewResolver.Resolver}
            }
            return nil
        }

        access(all) fun createEmptyCollection(): @{NonFungibleToken.Collection} {
            return <-DroplineNFT.createEmptyCollection(nftType: Type<@DroplineNFT.NFT>())
        }
    }

    /// The admin resource, stored in the deploying account at AdminStoragePath.
    access(all) resource Admin {

        /// Mints one NFT into `recipient` and returns its id
        access(Mint) fun mintTo(
            recipient: &{NonFungibleToken.Receiver},
            spec: MintSpec,
            royalties: [MetadataViews.Royalty]
        ): UInt64 {
            DroplineNFT.checkRoyalties(royalties)
            return DroplineNFT.mintInto(recipient: recipient, spec: spec, royalties: royalties)
        }

        /// Mints one NFT per spec, all with the same royalties. `recipients` has either one
        /// receiver for all or one per spec. The whole batch fails if any spec fails
        /// (e.g. one duplicate externalId, also within the batch). Returns the ids in order.
        access(Mint) fun batchMintTo(
            recipients: [&{NonFungibleToken.Receiver}],
            specs: [MintSpec],
            royalties: [MetadataViews.Royalty]
        ): [UInt64] {
            pre {
                specs.length > 0: "DroplineNFT: invalid argument: empty batch"
                recipients.length == 1 || recipients.length == specs.length:
                    "DroplineNFT: invalid argument: give one recipient or one per item"
            }
            DroplineNFT.checkRoyalties(royalties)
            let ids: [UInt64] = []
            var i = 0
            while i < specs.length {
                let recipient = recipients.length == 1 ? recipients[0] : recipients[i]
                ids.append(DroplineNFT.mintInto(recipient: recipient, spec: specs[i], royalties: royalties))
                i = i + 1
            }
            return ids
        }

        /// Replaces the given fields of a live NFT's metadata; nil keeps a field as it is.
        access(Manage) fun updateMetadata(
            id: UInt64,
            name: String?,
            description: String?,
            thumbnail: String?,
            traits: {String: String}?
        ) {
            let old = DroplineNFT.getRecord(id)
                ?? panic("DroplineNFT: NFT not found: ".concat(id.toString()))
            DroplineNFT.records[Int(id - 1)] = Record(
                externalId: old.externalId,
                name: name ?? old.name,
                description: description ?? old.description,
                thumbnail: thumbnail ?? old.thumbnail,
                traits: traits ?? old.traits
            )
            emit MetadataUpdated(id: id, externalId: old.externalId)
        }

        access(Manage) fun setCollectionInfo(_ info: CollectionInfo) {
            DroplineNFT.collectionInfo = info
            emit CollectionInfoUpdated()
        }
    }

    /// Burns an NFT: drops its metadata record (its externalId stays taken) and emits Burned.
    /// The caller has the resource, so it is already the NFT's holder.
    access(all) fun burn(_ nft: @DroplineNFT.NFT) {
        self.records[Int(nft.id - 1)] = nil
        self.totalBurned = self.totalBurned + 1
        emit Burned(id: nft.id, externalId: nft.externalId)
        destroy nft
    }

    /// The DroplineNFT receiver of `address`, for transactions. Panics with
    /// "DroplineNFT: invalid address" if no account exists there and with
    /// "DroplineNFT: no collection" if the account has no DroplineNFT collection.
    access(all) fun borrowReceiver(_ address: Address): &{NonFungibleToken.Receiver} {
        let account = getAccount(address)
        if let receiver = account.capabilities.borrow<&{NonFungibleToken.Receiver}>(self.CollectionPublicPath) {
            return receiver
        }
        // (An address without an account has no storage capacity and no FLOW receiver;
        // reading `storage.used` there would abort with an internal error instead.)
        if account.storage.capacity == 0 && !account.capabilities.exists(/public/flowTokenReceiver) {
            panic("DroplineNFT: invalid address: no account exists at ".concat(address.toString()))
        }
        panic("DroplineNFT: no collection: account ".concat(address.toString()).concat(" has no DroplineNFT collection"))
    }

    /// Royalties for a mint from parallel arrays. Each beneficiary is paid through its generic
    /// royalty receiver (MetadataViews.getRoyaltyReceiverPublicPath()) if it has one, else through
    /// its FLOW receiver (/public/flowTokenReceiver).
    access(all) fun royaltiesFrom(addresses: [Address], cuts: [UFix64], descriptions: [String]): [MetadataViews.Royalty] {
        if addresses.length != cuts.length || addresses.length != descriptions.length {
            panic("DroplineNFT: invalid royalty: royaltyAddresses, royaltyCuts and royaltyDescriptions differ in length")
        }
        let royalties: [MetadataViews.Royalty] = []
        var i = 0
        while i < addresses.length {
            let account = getAccount(addresses[i])
            var receiver = account.capabilities.get<&{FungibleToken.Receiver}>(MetadataViews.getRoyaltyReceiverPublicPath())
            if !receiver.check() {
                receiver = account.capabilities.get<&{FungibleToken.Receiver}>(/public/flowTokenReceiver)
            }
            if !receiver.check() {
                panic("DroplineNFT: invalid royalty: ".concat(addresses[i].toString()).concat(" has no FLOW receiver"))
            }
            if cuts[i] > 1.0 {
                panic("DroplineNFT: invalid royalty: a cut is greater than 1.0")
            }
            royalties.append(MetadataViews.Royalty(receiver: receiver, cut: cuts[i], description: descriptions[i]))
            i = i + 1
        }
        return royalties
    }

    /// The id minted for `externalId`, also if that NFT has since been burned; nil if never minted
    access(all) view fun idForExternalId(_ externalId: String): UInt64? {
        return self.idsByExternalId[externalId]
    }

    /// Whether an NFT with this id exists (was minted and not burned)
    access(all) view fun isLive(_ id: UInt64): Bool {
        return self.getRecord(id) != nil
    }

    /// The mutable metadata of a live NFT, readable without knowing its owner
    access(all) view fun getRecord(_ id: UInt64): Record? {
        if id == 0 || id > UInt64(self.records.length) {
            return nil
        }
        return self.records[Int(id - 1)]
    }

    access(all) view fun getTotalSupply(): UInt64 {
        return self.totalMinted - self.totalBurned
    }

    /// The panic message for an NFT that a collection does not hold: "not owner" if it exists
    /// elsewhere, "NFT not found" if it never existed or was burned
    access(all) view fun missingNFTMessage(id: UInt64): String {
        if self.isLive(id) {
            return "DroplineNFT: not owner: this collection does not hold NFT ".concat(id.toString())
        }
        return "DroplineNFT: NFT not found: ".concat(id.toString())
    }

    access(all) view fun externalURLFor(id: UInt64): MetadataViews.ExternalURL {
        return MetadataViews.ExternalURL(self.collectionInfo.externalURL.concat("/nfts/").concat(id.toString()))
    }

    access(contract) fun checkRoyalties(_ royalties: [MetadataViews.Royalty]) {
        var total = 0.0
        for royalty in royalties {
            if !royalty.receiver.check() {
                panic("DroplineNFT: invalid royalty: receiver capability of ".concat(royalty.receiver.address.toString()).concat(" is not valid"))
            }
            total = total + royalty.cut
        }
        if total > 1.0 {
            panic("DroplineNFT: invalid royalty: cuts add up to more than 1.0")
        }
    }

    access(contract) fun mintInto(
        recipient: &{NonFungibleToken.Receiver},
        spec: MintSpec,
        royalties: [MetadataViews.Royalty]
    ): UInt64 {
        if let existing = self.idsByExternalId[spec.externalId] {
            panic("DroplineNFT: duplicate externalId: ".concat(spec.externalId).concat(" was minted as NFT ").concat(existing.toString()))
        }
        let id = self.totalMinted + 1
        self.totalMinted = id
        self.idsByExternalId[spec.externalId] = id
        self.records.append(Record(
            externalId: spec.externalId,
            name: spec.name,
            description: spec.description,
            thumbnail: spec.thumbnail,
            traits: spec.traits
        ))
        let edition = MetadataViews.Edition(
            name: spec.editionName ?? "Dropline",
            number: spec.editionNumber ?? id,
            max: spec.editionMax
        )
        let nft <- create NFT(id: id, externalId: spec.externalId, edition: edition, royalties: royalties)
        emit Minted(id: id, uuid: nft.uuid, externalId: spec.externalId, serial: id, to: recipient.owner?.address)
        recipient.deposit(token: <-nft)
        return id
    }

    access(all) fun createEmptyCollection(nftType: Type): @{NonFungibleToken.Collection} {
        if nftType != Type<@DroplineNFT.NFT>() {
            panic("DroplineNFT: invalid argument: unsupported NFT type ".concat(nftType.identifier))
        }
        return <-create Collection()
    }

    access(all) view fun getContractViews(resourceType: Type?): [Type] {
        return [
            Type<MetadataViews.NFTCollectionData>(),
            Type<MetadataViews.NFTCollectionDisplay>()
        ]
    }

    access(all) fun resolveContractView(resourceType: Type?, viewType: Type): AnyStruct? {
        switch viewType {
            case Type<MetadataViews.NFTCollectionData>():
                return MetadataViews.NFTCollectionData(
                    storagePath: self.CollectionStoragePath,
                    publicPath: self.CollectionPublicPath,
                    publicCollection: Type<&DroplineNFT.Collection>(),
                    publicLinkedType: Type<&DroplineNFT.Collection>(),
                    createEmptyCollectionFunction: (fun(): @{NonFungibleToken.Collection} {
                        return <-DroplineNFT.createEmptyCollection(nftType: Type<@DroplineNFT.NFT>())
                    })
                )
            case Type<MetadataViews.NFTCollectionDisplay>():
                let info = self.collectionInfo
                return MetadataViews.NFTCollectionDisplay(
                    name: info.name,
                    description: info.description,
                    externalURL: MetadataViews.ExternalURL(info.externalURL),
                    squareImage: MetadataViews.Media(file: MetadataViews.HTTPFile(url: info.squareImage), mediaType: "image/png"),
                    bannerImage: MetadataViews.Media(file: MetadataViews.HTTPFile(url: info.bannerImage), mediaType: "image/png"),
                    socials: {}
                )
        }
        return nil
    }

    init() {
        self.CollectionStoragePath = /storage/droplineNFTCollection
        self.CollectionPublicPath = /public/droplineNFTCollection
        self.AdminStoragePath = /storage/droplineNFTAdmin

        self.totalMinted = 0
        self.totalBurned = 0
        self.idsByExternalId = {}
        self.records = []
        self.collectionInfo = CollectionInfo(
            name: "Dropline",
            description: "Collectibles issued by dropline.",
            externalURL: "https://dropline.app",
            squareImage: "https://dropline.app/square.png",
            bannerImage: "https://dropline.app/banner.png"
        )

        // The deploying account holds the Admin and a collection of its own (unsold inventory).
        self.account.storage.save(<-create Admin(), to: self.AdminStoragePath)
        self.account.storage.save(<-create Collection(), to: self.CollectionStoragePath)
        let collectionCap = self.account.capabilities.storage.issue<&DroplineNFT.Collection>(self.CollectionStoragePath)
        self.account.capabilities.publish(collectionCap, at: self.CollectionPublicPath)
    }
}
