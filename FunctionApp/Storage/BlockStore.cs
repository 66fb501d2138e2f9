using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;
using SmartChain.FunctionApp.Observability;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Blocks of every chain. In <c>blocks</c>, partition = chain id: one header row per index (RowKey = zero-padded
/// index, insert-only) and the <c>head</c> row. A block is committed by one entity-group transaction that
/// inserts its header and replaces the head under its ETag, so an index is taken at most once and the head
/// never moves past a block that is not there. Its transactions are written before, as pages of
/// <c>blocktx</c> under a partition named by the block hash; a losing or crashed attempt leaves pages nobody
/// references.
/// </summary>
public sealed class BlockStore(Tables tables)
{
    private const string HeadRow = "head";
    private const int ReadAheadBlocks = 8;
    private const int ReadAheadTransactions = 10_000;
    private const int PageRequests = 16; // page reads of one block in flight at once
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ChainId, long> _knownHeights = new();
    private readonly CommittedRowCache _committed = new();

    /// <summary>The chains' log tiles, committed with the blocks (docs/storage.md, "Transparency log").</summary>
    public TileStore Tiles { get; } = new(tables);

    public static string RowKey(long index) => index.ToString("D12", CultureInfo.InvariantCulture);

    public async Task<ChainHead> ReadHeadAsync(ChainId chain, CancellationToken cancellationToken)
    {
        var row = await tables.Blocks.GetEntityIfExistsAsync<TableEntity>(
            chain.Value,
            HeadRow,
            cancellationToken: cancellationToken
        );
        var head = row.HasValue
            ? new ChainHead(
                row.Value!.GetInt64("Height")!.Value,
                BlockHash.Parse(row.Value.GetString("Hash")),
                row.Value.ETag,
                row.Value.GetInt64("LogSize"),
                row.Value.GetBinary("LogRoot")
            )
            : ChainHead.Empty;
        _knownHeights[chain] = head.Height;
        return head;
    }

    /// <summary>
    /// The height this process last saw, without a round trip: for hints such as "will be added to block N".
    /// </summary>
    public async ValueTask<long> KnownHeightAsync(ChainId chain, CancellationToken cancellationToken) =>
        _knownHeights.TryGetValue(chain, out var height)
            ? height
            : (await ReadHeadAsync(chain, cancellationToken)).Height;

    /// <summary>
    /// Writes the pages, then commits. Null when another producer took this index or moved the head first.
    /// </summary>
    public async Task<ChainHead?> CommitAsync(
        Block block,
        ChainHead expected,
        IReadOnlyList<PendingRef>? refs,
        bool followUpDone,
        CancellationToken cancellationToken
    )
    {
        var chain = ChainId.Parse(block.Header.Chain);
        var hash = BlockHash.Parse(block.Hash);
        using var span = Telemetry.StartChild("smartchain.block.commit", chain);
        var pages = TransactionPages.Pack(chain, hash, block.Transactions, refs);
        var (leafRows, chunkRoots) = LeafHashRows.Pack(
            TransactionPages.Partition(chain, hash),
            BlockForger.LeafHashes(block.Transactions)
        );
        // Pages and leaf hash rows share the block's partition: written as entity-group batches, a few dozen rows per
        // request, all before the head moves (a header naming ChunkRoots always has its rows).
        await Task.WhenAll(
            TransactionPages
                .Batches(pages)
                .Concat(LeafHashRows.Batches(leafRows))
                .Select(batch =>
                    tables.BlockTx.SubmitTransactionAsync(
                        batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)),
                        cancellationToken
                    )
                )
        );

        var header = new TableEntity(chain.Value, RowKey(block.Index))
        {
            ["TimestampMs"] = block.Header.TimestampMs,
            ["PreviousHash"] = block.Header.PreviousHash,
            ["MerkleRoot"] = block.Header.MerkleRoot,
            ["TxCount"] = block.Header.TxCount,
            ["Hash"] = block.Hash,
            ["Signature"] = block.Signature,
            ["Pages"] = pages.Count,
            ["Done"] = followUpDone,
        };
        if (chunkRoots is not null)
        {
            header[LeafHashRows.ChunkRootsProperty] = chunkRoots;
        }

        var head = new TableEntity(chain.Value, HeadRow) { ["Height"] = block.Index, ["Hash"] = block.Hash };
        // The log's tiles land with the block or not at all: the head names a log size only with its tiles.
        var log = await Tiles.PrepareAsync(chain, expected, block, cancellationToken);
        if (log is not null)
        {
            header["LogStart"] = expected.LogSize;
            header["LogSize"] = log.NewSize;
            head["LogSize"] = log.NewSize;
            head["LogRoot"] = log.Root;
        }

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, header) };
        actions.Add(
            expected.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head)
        );
        if (log is not null)
        {
            actions.AddRange(
                TileStore
                    .Rows(chain, log, expected.LogSize!.Value, block.Index)
                    .Select(row => new TableTransactionAction(TableTransactionActionType.Add, row))
            );
        }

        try
        {
            var responses = await tables.Blocks.SubmitTransactionAsync(actions, cancellationToken);
            _knownHeights[chain] = block.Index;
            if (log is not null)
            {
                Tiles.Remember(chain, expected.LogSize!.Value, log);
            }

            return new ChainHead(block.Index, hash, responses.Value[1].Headers.ETag, log?.NewSize, log?.Root);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    public async Task<StoredHeader?> ReadHeaderAsync(ChainId chain, long index, CancellationToken cancellationToken)
    {
        var row = await tables.Blocks.GetEntityIfExistsAsync<TableEntity>(
            chain.Value,
            RowKey(index),
            cancellationToken: cancellationToken
        );
        return row.HasValue ? StoredHeader.From(chain, row.Value!) : null;
    }

    /// <summary>
    /// The log size before block <paramref name="index"/> (its first entry's log index); null without a log.
    /// </summary>
    public async Task<long?> ReadLogStartAsync(ChainId chain, long index, CancellationToken cancellationToken)
    {
        var row = await tables.Blocks.GetEntityIfExistsAsync<TableEntity>(
            chain.Value,
            RowKey(index),
            ["LogStart"],
            cancellationToken
        );
        return row.HasValue ? row.Value!.GetInt64("LogStart") : null;
    }

    public Task MarkDoneAsync(ChainId chain, long index, CancellationToken cancellationToken) =>
        tables.Blocks.UpdateEntityAsync(
            new TableEntity(chain.Value, RowKey(index)) { ["Done"] = true },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken
        );

    /// <summary>
    /// The inclusion proof of entry <paramref name="position"/> of block <paramref name="index"/>, from the header and
    /// one row of leaf hashes (never the block's pages), with the header it leads to. Null when the block has no leaf
    /// hashes stored (blocks stored before them) or what is stored does not lead to the header's Merkle root: then
    /// the caller proves it from the block itself.
    /// </summary>
    public async Task<StoredProof?> ReadProofAsync(
        ChainId chain,
        long index,
        int position,
        CancellationToken cancellationToken
    )
    {
        // Only a committed block is asked for (a receipt names it), and what is read here never changes after its
        // commit: the header's Merkle fields and log start, the leaf-hash rows. The follow-up's Done flag is not read.
        var row = await _committed.GetAsync(tables.Blocks, chain.Value, RowKey(index), cancellationToken);
        if (row?.GetBinary(LeafHashRows.ChunkRootsProperty) is not { } chunkRoots)
        {
            return null;
        }

        var header = StoredHeader.From(chain, row);
        if (position < 0 || position >= header.Header.TxCount)
        {
            return null;
        }

        var chunk = await _committed.GetAsync(
            tables.BlockTx,
            TransactionPages.Partition(chain, header.Hash),
            LeafHashRows.RowKey(position / ChunkedProof.ChunkSize),
            cancellationToken
        );
        if (chunk is null)
        {
            return null;
        }

        var leaves = LeafHashRows.Hashes(chunk);
        var proof = ChunkedProof.Prove(leaves, LeafHashRows.Split(chunkRoots), header.Header.TxCount, position);
        // Checked before it is served (a few hashes): stored rows that do not lead to the signed root are not trusted.
        var leaf = leaves[position % ChunkedProof.ChunkSize];
        return MerkleTree.VerifyInclusion(leaf, proof, Hex.Decode(header.Header.MerkleRoot))
            ? new StoredProof(header, proof, row.GetInt64("LogStart"))
            : null;
    }

    public async Task<Block?> ReadBlockAsync(ChainId chain, long index, CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(chain, index, cancellationToken);
        return header is null ? null : await LoadAsync(header, cancellationToken);
    }

    /// <summary>
    /// Streams blocks <paramref name="from"/>..<paramref name="to"/> in order, reading headers page by page and
    /// the transactions of a few blocks ahead in parallel; memory holds a bounded window, never the chain.
    /// </summary>
    public async IAsyncEnumerable<Block> ReadBlocksAsync(
        ChainId chain,
        long from,
        long to,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        // A window of blocks being loaded ahead, bounded in blocks and in transactions, so that memory stays
        // flat whether blocks hold one transaction or ten thousand.
        var window = new Queue<(Task<Block> Block, int Transactions)>();
        var windowTransactions = 0;
        var query = tables.Blocks.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {chain.Value} and RowKey ge {RowKey(from)} and RowKey le {RowKey(to)}"
            ),
            maxPerPage: 1000,
            cancellationToken: cancellationToken
        );
        await foreach (var row in query)
        {
            var header = StoredHeader.From(chain, row);
            window.Enqueue((LoadAsync(header, cancellationToken), header.Header.TxCount));
            windowTransactions += header.Header.TxCount;
            while (window.Count >= ReadAheadBlocks || (window.Count > 1 && windowTransactions > ReadAheadTransactions))
            {
                var (block, transactions) = window.Dequeue();
                windowTransactions -= transactions;
                yield return await block;
            }
        }

        while (window.Count > 0)
        {
            yield return await window.Dequeue().Block;
        }
    }

    public async Task<IReadOnlyList<PendingRef>> ReadRefsAsync(StoredHeader header, CancellationToken cancellationToken)
    {
        var refs = new List<PendingRef>();
        await foreach (var page in PagesAsync(header, cancellationToken))
        {
            refs.AddRange(TransactionPages.Refs(page));
        }

        return refs;
    }

    private async Task<Block> LoadAsync(StoredHeader header, CancellationToken cancellationToken)
    {
        var transactions = new List<string>(header.Header.TxCount);
        await foreach (var page in PagesAsync(header, cancellationToken))
        {
            transactions.AddRange(TransactionPages.Transactions(page));
        }

        if (transactions.Count != header.Header.TxCount)
        {
            throw new InvalidDataException(
                $"block {header.Header.Index} of '{header.Header.Chain}' has {transactions.Count} stored transactions, "
                    + $"its header says {header.Header.TxCount}"
            );
        }

        return new Block
        {
            Header = header.Header,
            Hash = header.Hash.Value,
            Signature = header.Signature,
            Transactions = transactions,
        };
    }

    /// <summary>
    /// The block's pages in order, read one row per request (several in flight): the answer to one query for the
    /// whole partition is megabytes, which the storage client buffers in pooled arrays that it then keeps
    /// (85 MB of them on a node serving a 1M-transaction chain).
    /// </summary>
    private async IAsyncEnumerable<TableEntity> PagesAsync(
        StoredHeader header,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var partition = TransactionPages.Partition(ChainId.Parse(header.Header.Chain), header.Hash);
        var reads = new Queue<Task<TableEntity>>();
        for (var number = 0; number < header.Pages || reads.Count > 0; )
        {
            while (number < header.Pages && reads.Count < PageRequests)
            {
                reads.Enqueue(ReadPageAsync(partition, number++, cancellationToken));
            }

            yield return await reads.Dequeue();
        }
    }

    private async Task<TableEntity> ReadPageAsync(string partition, int number, CancellationToken cancellationToken) =>
        (
            await tables.BlockTx.GetEntityAsync<TableEntity>(
                partition,
                TransactionPages.RowKey(number),
                cancellationToken: cancellationToken
            )
        ).Value;
}
