using System.Diagnostics.Metrics;

namespace SmartChain.FunctionApp.Observability;

/// <summary>
/// Witness cosignatures of the chain checkpoints (issue 13, SPEC §12): defined here so the witness code records
/// them with one line when it lands.
/// </summary>
public static class WitnessMetrics
{
    private static readonly Counter<long> Cosignatures = Telemetry.Meter.CreateCounter<long>(
        "smartchain.witness.cosignatures",
        "{cosignature}",
        "Witness cosignatures of this node's checkpoints, per chain and smartchain.witness.outcome (verified or "
            + "refused)"
    );

    public static void RecordCosignature(string chain, bool verified) =>
        Cosignatures.Add(
            1,
            new(Telemetry.ChainAttribute, chain),
            new("smartchain.witness.outcome", verified ? "verified" : "refused")
        );
}
