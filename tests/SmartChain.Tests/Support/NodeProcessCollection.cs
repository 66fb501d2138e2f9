namespace SmartChain.Tests.Support;

/// <summary>
/// Tests that start real node processes run one at a time, after the parallel ones: the machine has two cores,
/// and a crash or multi-producer test must not be starved into measuring the scheduler.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeProcessCollection
{
    public const string Name = "Node processes";
}
