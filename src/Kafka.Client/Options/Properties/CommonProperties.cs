namespace Kafka.Client.Options;

/// <summary>The rows every client's property table starts with: the <see cref="ClientOptions"/> properties.</summary>
internal static class CommonProperties
{
    /// <summary>The common rows, typed for the options class <typeparamref name="T"/>.</summary>
    public static IEnumerable<OptionProperty<T>> For<T>()
        where T : ClientOptions =>
    [
        OptionProperties.String<T>("bootstrap.servers", "host:port pairs to fetch the cluster metadata from.", static o => o.BootstrapServers, static (o, v) => o.BootstrapServers = v ?? ""),
        OptionProperties.String<T>("client.id", "The name sent to the brokers with every request.", static o => o.ClientId, static (o, v) => o.ClientId = v ?? ""),
        OptionProperties.Int32<T>("request.timeout.ms", "How long to wait for a response.", static o => o.RequestTimeoutMs, static (o, v) => o.RequestTimeoutMs = v, min: 0),
        OptionProperties.Int64<T>("metadata.max.age.ms", "How old cached metadata may get.", static o => o.MetadataMaxAgeMs, static (o, v) => o.MetadataMaxAgeMs = v, min: 0),
        OptionProperties.Int64<T>("reconnect.backoff.ms", "First wait before reconnecting.", static o => o.ReconnectBackoffMs, static (o, v) => o.ReconnectBackoffMs = v, min: 0),
        OptionProperties.Int64<T>("reconnect.backoff.max.ms", "Longest wait before reconnecting.", static o => o.ReconnectBackoffMaxMs, static (o, v) => o.ReconnectBackoffMaxMs = v, min: 0),
        OptionProperties.Int64<T>("retry.backoff.ms", "First wait before retrying a request.", static o => o.RetryBackoffMs, static (o, v) => o.RetryBackoffMs = v, min: 0),
        OptionProperties.Int64<T>("retry.backoff.max.ms", "Longest wait before retrying a request.", static o => o.RetryBackoffMaxMs, static (o, v) => o.RetryBackoffMaxMs = v, min: 0),
        OptionProperties.Int64<T>("socket.connection.setup.timeout.ms", "How long connecting may take.", static o => o.SocketConnectionSetupTimeoutMs, static (o, v) => o.SocketConnectionSetupTimeoutMs = v, min: 0),
        OptionProperties.Int64<T>("socket.connection.setup.timeout.max.ms", "Longest connection setup timeout.", static o => o.SocketConnectionSetupTimeoutMaxMs, static (o, v) => o.SocketConnectionSetupTimeoutMaxMs = v, min: 0),
        OptionProperties.Int64<T>("connections.max.idle.ms", "How long an unused connection stays open; -1 forever.", static o => o.ConnectionsMaxIdleMs, static (o, v) => o.ConnectionsMaxIdleMs = v, min: -1),
        .. SecurityProperties.For<T>(),
    ];
}
