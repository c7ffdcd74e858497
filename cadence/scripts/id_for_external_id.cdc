import "DroplineNFT"

/// The NFT id minted for `externalId` (also if since burned), or nil if none was minted.
access(all) fun main(externalId: String): UInt64? {
    return DroplineNFT.idForExternalId(externalId)
}
