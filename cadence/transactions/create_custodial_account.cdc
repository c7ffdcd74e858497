import "FungibleToken"
import "FlowToken"
import "NonFungibleToken"
import "DroplineNFT"

/// Creates a custodial account, paid for by the signer (the service/admin account):
/// - one key: `publicKey` (hex, 64-byte uncompressed ECDSA_P256 point, optionally "04"-prefixed),
///   SHA3_256, weight 1000;
/// - a DroplineNFT collection with its public capability, set up directly by this transaction;
/// - `initialFunding` FLOW from the signer's vault (0.0 for none).
/// The new address is in the flow.AccountCreated event.
transaction(publicKey: String, initialFunding: UFix64) {
    prepare(payer: auth(BorrowValue) &Account) {
        var keyHex = publicKey
        if keyHex.length == 130 && keyHex.slice(from: 0, upTo: 2) == "04" {
            keyHex = keyHex.slice(from: 2, upTo: 130)
        }
        if keyHex.length != 128 {
            panic("Dropline: invalid public key: expected 128 hex characters (64 bytes), got ".concat(keyHex.length.toString()))
        }
        for byte in keyHex.utf8 {
            let digit = byte >= 48 && byte <= 57
            let lower = byte >= 97 && byte <= 102
            let upper = byte >= 65 && byte <= 70
            if !digit && !lower && !upper {
                panic("Dropline: invalid public key: not a hex string")
            }
        }
        // A well-formed key that is not a P-256 point fails here with the runtime's own
        // "invalid public key" error.
        let key = PublicKey(publicKey: keyHex.decodeHex(), signatureAlgorithm: SignatureAlgorithm.ECDSA_P256)

        let account = Account(payer: payer)
        account.keys.add(publicKey: key, hashAlgorithm: HashAlgorithm.SHA3_256, weight: 1000.0)

        account.storage.save(
            <-DroplineNFT.createEmptyCollection(nftType: Type<@DroplineNFT.NFT>()),
            to: DroplineNFT.CollectionStoragePath
        )
        let cap = account.capabilities.storage.issue<&DroplineNFT.Collection>(DroplineNFT.CollectionStoragePath)
        account.capabilities.publish(cap, at: DroplineNFT.CollectionPublicPath)

        if initialFunding > 0.0 {
            let vault = payer.storage.borrow<auth(FungibleToken.Withdraw) &FlowToken.Vault>(from: /storage/flowTokenVault)
                ?? panic("Dropline: insufficient funds: the payer has no FLOW vault")
            if vault.balance < initialFunding {
                panic("Dropline: insufficient funds: the payer holds ".concat(vault.balance.toString()).concat(" FLOW"))
            }
            let receiver = account.capabilities.borrow<&{FungibleToken.Receiver}>(/public/flowTokenReceiver)
                ?? panic("Dropline: the new account has no FLOW receiver")
            receiver.deposit(from: <-vault.withdraw(amount: initialFunding))
        }
    }
}
