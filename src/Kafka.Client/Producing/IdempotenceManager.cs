using Kafka.Client.Cluster;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Producing;

/// <summary>
/// The idempotent producer's identity: a producer id and epoch from InitProducerId, and the epoch bump of
/// KIP-360 (same id, next epoch, sequences restart at 0) after a sequence error.
/// </summary>
internal sealed class IdempotenceManager(KafkaCluster cluster)
{
    public long ProducerId { get; private set; } = -1;

    public short Epoch { get; private set; } = -1;

    /// <summary>Set when a sequence error means the epoch must be bumped before anything else is sent.</summary>
    public bool BumpRequested { get; set; }

    public bool HasId => ProducerId >= 0;

    /// <summary>Takes the id and epoch the transaction coordinator gave (a transactional producer gets them from InitTransactionsAsync).</summary>
    public void Assign(long producerId, short epoch)
    {
        ProducerId = producerId;
        Epoch = epoch;
        BumpRequested = false;
    }

    /// <summary>Gets a producer id, or bumps the epoch of the current one; retries retriable errors until the token ends.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await cluster.Retry.ExecuteAsync(async token =>
        {
            KafkaConnection connection = await cluster.AnyConnectionAsync(token).ConfigureAwait(false);
            short version = connection.VersionFor(ApiKey.InitProducerId);
            var request = new InitProducerIdRequest { TransactionalId = null, TransactionTimeoutMs = int.MaxValue };
            if (ProducerId >= 0 && version >= InitProducerIdVersions.EpochBump)
            {
                request.ProducerId = ProducerId;
                request.ProducerEpoch = Epoch;
            }

            InitProducerIdResponse response = await connection.SendWithVersionAsync(request, version, token).ConfigureAwait(false);
            var error = (ErrorCode)response.ErrorCode;
            if (error != ErrorCode.None)
            {
                throw new KafkaException(error, $"InitProducerId failed: {error}.");
            }

            ProducerId = response.ProducerId;
            Epoch = response.ProducerEpoch;
        }, cancellationToken).ConfigureAwait(false);
        BumpRequested = false;
    }
}
