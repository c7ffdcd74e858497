import "DroplineNFT"

/// For each externalId, the NFT id minted for it, or nil: one call checks a whole batch.
access(all) fun main(externalIds: [String]): [UInt64?] {
    let ids: [UInt64?] = []
    for externalId in externalIds {
        ids.append(DroplineNFT.idForExternalId(externalId))
    }
    return ids
}
