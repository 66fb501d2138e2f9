using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Receipts;

/// <summary>A receipt as served: null log index without a log (or before a block), null proof before a block.</summary>
public sealed record ReceiptView(Receipt Receipt, long? LogIndex, ReceiptProof? Proof);
