namespace Kafka.Client.Cli.Perf;

/// <summary>What one <c>kafka perf produce</c> run does (its flags, checked).</summary>
/// <param name="Topic">The topic to produce to.</param>
/// <param name="Records">How many records (<c>--num-records</c>), at least 1.</param>
/// <param name="WarmupRecords">Records left out of the steady-state figures (<c>--warmup-records</c>), fewer than <paramref name="Records"/>.</param>
/// <param name="Throughput">Records per second at most (<c>--throughput</c>); negative for no limit.</param>
/// <param name="TransactionDurationMs">With a transactional id: how long each transaction stays open before it is committed; null when not transactional.</param>
internal sealed record ProducerPerfSettings(string Topic, long Records, long WarmupRecords, double Throughput, long? TransactionDurationMs);
