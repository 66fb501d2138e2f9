using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// Random junk posted to the article's <c>/transactions/new</c>: always a 4xx problem, never a 5xx, never accepted.
/// </summary>
public sealed class JunkBodyTests
{
    // Amounts no chain of 8 decimals accepts, in every JSON type.
    private static readonly string[] BadAmounts =
    [
        "-1",
        "0",
        "-0",
        "0.0",
        "1e400",
        "-1e400",
        "1e-400",
        "1e19",
        "99999999999999999999",
        "0.000000001",
        "1.00000000000000000000000000001",
        "true",
        "false",
        "null",
        "[]",
        "[1]",
        "{}",
        "{\"amount\":1}",
        "\"\"",
        "\"abc\"",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-5\"",
        "\"1.123456789\"",
        "\"1e400\"",
        "\" 1\"",
        "\"1,5\"",
        "\"0x10\"",
        "\"١\"",
    ];

    private static readonly string[] Values =
    [
        "\"alice\"",
        "\"bob\"",
        "\"\"",
        "1",
        "-1",
        "null",
        "true",
        "[]",
        "{}",
        "\"a\\u0000b\"",
        "\"" + new string('x', 200) + "\"",
        "\"😀\"",
        "1.5",
        "[\"alice\"]",
    ];

    private static readonly string[] Keys =
    [
        "sender",
        "amount",
        "recipient",
        "Sender",
        "amount ",
        "",
        "memo",
        "id",
        "fee",
        "\\u0073ender",
    ];

    [Fact]
    public async Task RandomJunkIsAlwaysAClientError()
    {
        await using var node = new NodeApp();
        using var http = node.CreateClient();

        var property = Prop.ForAll(
            Junk().ToArbitrary(),
            body =>
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = Task.Run(() => http.PostAsync("/transactions/new", content))
                    .GetAwaiter()
                    .GetResult();
                var status = (int)response.StatusCode;
                return (
                    status is >= 400 and < 500
                    && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ).Label($"{status} {response.Content.Headers.ContentType} for {body}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);

        // Nothing was accepted: the next block is empty.
        var mined = await http.GetJsonAsync("/mine");
        Assert.Equal(0, mined.GetProperty("transactions").GetArrayLength());
        Assert.Equal(2, await http.HeightAsync("aka"));
    }

    /// <summary>
    /// Arbitrary text, objects of likely and unlikely fields whose amount is always bad, and valid bodies cut short.
    /// </summary>
    private static Gen<string> Junk()
    {
        var field = Gen.Elements(Keys)
            .SelectMany(key =>
                (key == "amount" ? Gen.Elements(BadAmounts) : Gen.Elements(Values.Concat(BadAmounts).ToArray())).Select(
                    value => $"\"{key}\":{value}"
                )
            );
        var objects = Gen.ListOf(field).Select(fields => "{" + string.Join(",", fields) + "}");
        var complete = Gen.Elements(BadAmounts)
            .Select(amount => $"{{\"sender\":\"alice\",\"amount\":{amount},\"recipient\":\"bob\"}}");
        var valid = "{\"sender\":\"alice\",\"amount\":12.5,\"recipient\":\"bob\"}";
        var truncated = Gen.Choose(0, valid.Length - 1).Select(n => valid[..n]);
        var text = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        var scalars = Gen.Elements(Values.Concat(BadAmounts).ToArray());
        return Gen.OneOf(objects, complete, truncated, text, scalars);
    }
}
