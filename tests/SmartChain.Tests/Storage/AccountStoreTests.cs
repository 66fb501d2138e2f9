using Azure.Data.Tables;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

public sealed class AccountStoreTests
{
    private static readonly ChainId Chain = ChainId.Parse("acc");
    private static readonly Address[] Senders = [Sender("1"), Sender("2"), Sender("3")];
    private static readonly int Shard = AccountStore.ShardOf(Senders[0]);

    [Fact]
    public async Task GroupAcceptanceWritesEveryAccountOnePendingRowAndAnIndexEach()
    {
        var tables = await TestTables.CreateAsync();
        var store = new AccountStore(tables);

        Assert.True(
            await store.AcceptAsync(Chain, Reservations("s1", Senders.Select(Account.Empty)), CancellationToken.None)
        );

        var row = await tables.Pending.GetEntityAsync<TableEntity>(
            PendingStore.Partition(Chain, Shard),
            PendingRow.Key("s1")
        );
        Assert.Equal(Senders.Select(s => "s1" + s), PendingRow.Ids(row.Value));
        foreach (var sender in Senders)
        {
            var index = await tables.Pending.GetEntityAsync<TableEntity>(
                PendingStore.Partition(Chain, Shard),
                "is1" + sender
            );
            Assert.Equal("s1", index.Value.GetString("Seq"));
            var stored = await store.ReadAsync(Chain, sender, CancellationToken.None);
            Assert.Equal((1L, Amount.Of(7m)), (stored.NextNonce, stored.Reserved));
            var (remembered, fromMemory) = await store.ReadForAcceptAsync(Chain, sender, CancellationToken.None);
            Assert.True(fromMemory);
            // the batch's own ETag for each row, so the next acceptance may skip the read
            Assert.Equal(stored, remembered);
        }
    }

    [Fact]
    public async Task GroupWithOneStaleAccountStoresNothingAndForgetsItsAccounts()
    {
        var tables = await TestTables.CreateAsync();
        var store = new AccountStore(tables);
        var elsewhere = new AccountStore(tables);
        Assert.True(
            await store.AcceptAsync(Chain, Reservations("s1", Senders.Select(Account.Empty)), CancellationToken.None)
        );
        var read = await Task.WhenAll(Senders.Select(s => store.ReadAsync(Chain, s, CancellationToken.None)));
        // Another process accepts the second sender's next transfer: this process's copy of that row is now stale.
        Assert.True(await elsewhere.AcceptAsync(Chain, Reservations("s2", [read[1]]), CancellationToken.None));

        Assert.False(await store.AcceptAsync(Chain, Reservations("s3", read), CancellationToken.None));

        var partition = PendingStore.Partition(Chain, Shard);
        Assert.False(
            (await tables.Pending.GetEntityIfExistsAsync<TableEntity>(partition, PendingRow.Key("s3"))).HasValue
        );
        var after = await Task.WhenAll(Senders.Select(s => store.ReadAsync(Chain, s, CancellationToken.None)));
        Assert.Equal([1L, 2L, 1L], after.Select(a => a.NextNonce));
        Assert.Equal([read[0].ETag, after[1].ETag, read[2].ETag], after.Select(a => a.ETag));
        foreach (var sender in Senders)
        {
            Assert.False(
                (await tables.Pending.GetEntityIfExistsAsync<TableEntity>(partition, "is3" + sender)).HasValue
            );
            Assert.False((await store.ReadForAcceptAsync(Chain, sender, CancellationToken.None)).Remembered);
        }
    }

    [Fact]
    public async Task GroupOfTwoShardsOrOfOneSenderTwiceIsABug()
    {
        var store = new AccountStore(await TestTables.CreateAsync());
        var otherShard = Account.Empty(Address.Parse("6" + new string('0', 39))); // 6 % 4 ≠ 5 % 4

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AcceptAsync(
                Chain,
                Reservations("s1", [Account.Empty(Senders[0]), otherShard]),
                CancellationToken.None
            )
        );
        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AcceptAsync(
                Chain,
                Reservations("s1", [Account.Empty(Senders[0]), Account.Empty(Senders[0])]),
                CancellationToken.None
            )
        );
    }

    private static List<Reservation> Reservations(string seq, IEnumerable<Account> accounts) =>
        accounts.Select(a => new Reservation(a, Amount.Of(7m), Entry(seq, a.Address))).ToList();

    private static PendingEntry Entry(string seq, Address sender) =>
        new(new PendingRef(Shard, seq, TxId.Parse(seq + sender)), "{}");

    private static Address Sender(string last) => Address.Parse("5" + new string('0', 38) + last);
}
