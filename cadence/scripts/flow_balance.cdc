/// The FLOW balance of `address` (0.0 for an address without an account).
access(all) fun main(address: Address): UFix64 {
    return getAccount(address).balance
}
