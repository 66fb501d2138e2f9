using System.Text.Json;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>Writes a run of stored blocks as a JSON array, block by block, flushing as it goes.</summary>
public sealed class ChainStream(BlockStore blocks)
{
    /// <summary>
    /// Writes blocks <paramref name="from"/>..<paramref name="to"/>, stopping early once
    /// <paramref name="maxTransactions"/> transactions are written (always at least one block); answers the index
    /// of the last block written.
    /// </summary>
    public async Task<long> WriteBlocksAsync(
        Utf8JsonWriter writer,
        ChainId chain,
        long from,
        long to,
        int maxTransactions,
        CancellationToken cancellationToken
    )
    {
        var last = from - 1;
        var written = 0;
        writer.WriteStartArray();
        if (from <= to)
        {
            await foreach (var block in blocks.ReadBlocksAsync(chain, from, to, cancellationToken))
            {
                // Flushed between transactions: buffering a whole block would hold megabytes per response.
                BlockJson.WriteOpen(writer, block);
                foreach (var tx in block.Transactions)
                {
                    writer.WriteRawValue(tx, skipInputValidation: true);
                    await StreamedJson.FlushIfFullAsync(writer, cancellationToken);
                }

                BlockJson.WriteClose(writer);
                last = block.Index;
                written += block.Transactions.Count;
                if (written >= maxTransactions)
                {
                    break;
                }
            }
        }

        writer.WriteEndArray();
        return last;
    }

    /// <summary>
    /// The article's <c>{chain: [...], length}</c> shape under any property name, e.g. "chain2" or "smart chain".
    /// </summary>
    public IResult Whole(
        ChainId chain,
        long height,
        string property,
        IReadOnlyDictionary<string, string>? before = null
    ) =>
        new StreamedJson(
            200,
            async (writer, ct) =>
            {
                writer.WriteStartObject();
                foreach (var (name, value) in before ?? new Dictionary<string, string>())
                {
                    writer.WriteString(name, value);
                }

                writer.WritePropertyName(property);
                await WriteBlocksAsync(writer, chain, 1, height, int.MaxValue, ct);
                writer.WriteNumber("length", height);
                writer.WriteEndObject();
            }
        );
}
