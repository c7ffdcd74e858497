import "DroplineNFT"

/// Replaces the given metadata fields of NFT `id`; nil keeps a field. Signer: the admin account.
transaction(id: UInt64, name: String?, description: String?, thumbnail: String?, traits: {String: String}?) {
    let admin: auth(DroplineNFT.Manage) &DroplineNFT.Admin

    prepare(signer: auth(BorrowValue) &Account) {
        self.admin = signer.storage.borrow<auth(DroplineNFT.Manage) &DroplineNFT.Admin>(from: DroplineNFT.AdminStoragePath)
            ?? panic("DroplineNFT: not admin: the signer holds no DroplineNFT.Admin")
    }

    execute {
        self.admin.updateMetadata(id: id, name: name, description: description, thumbnail: thumbnail, traits: traits)
    }
}
