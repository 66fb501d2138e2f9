using System.Text.Json;
using SmartChain.Domain.Chains;

namespace SmartChain.Tests.Domain.Chains;

public sealed class ChainInfoFieldsTests
{
    [Fact]
    public void SettingsReadBackFromTheInfoEqualTheSettingsWritten()
    {
        var settings = new ChainSettings { Id = ChainId.Parse("gold"), Kind = ChainKind.Token };
        var info = ChainSettingsJson.Write(settings);
        info["producer"] = new System.Text.Json.Nodes.JsonObject { ["kind"] = "local", ["url"] = null };
        info["height"] = 7;
        info["head_hash"] = new string('a', 64);
        info["bpsc_public_key"] = "key";
        info["note"] = "a note";
        info["log_origin"] = "origin";
        info["log_verifier_key"] = "vkey";

        var read = ChainInfoFields.TryReadSettings(JsonSerializer.SerializeToElement(info), out var error);

        Assert.Null(error);
        Assert.Equal(ChainSettingsJson.Write(settings).ToJsonString(), ChainSettingsJson.Write(read!).ToJsonString());
    }

    [Fact]
    public void AFieldOutsideTheListIsLeftForTheSettingsReaderToRefuse()
    {
        var info = ChainSettingsJson.Write(new ChainSettings { Id = ChainId.Parse("gold"), Kind = ChainKind.Token });
        info["unexpected"] = 1;

        Assert.Null(ChainInfoFields.TryReadSettings(JsonSerializer.SerializeToElement(info), out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void InfoThatIsNoObjectHasNoSettings()
    {
        Assert.Null(ChainInfoFields.TryReadSettings(JsonSerializer.SerializeToElement(new[] { 1 }), out var error));
        Assert.NotNull(error);
    }
}
