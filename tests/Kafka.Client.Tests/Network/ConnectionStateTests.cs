using Kafka.Client.Cluster;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kafka.Client.Tests.Network;

/// <summary>
/// Each move of <see cref="ConnectionState"/> on a real connection to the embedded broker, the racy ones included: a
/// dispose while connecting or negotiating, sends while the connection breaks, a failure after a close.
/// </summary>
public class ConnectionStateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync() => _cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1 });

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    [TearDown]
    public void RemoveDelays() => _cluster.DelayResponses(ApiKey.ApiVersions, TimeSpan.Zero);

    [Test]
    public void The_transitions_go_forward_and_end_once()
    {
        var allowed = new HashSet<(ConnectionState, ConnectionState)>
        {
            (ConnectionState.Connecting, ConnectionState.Negotiating),
            (ConnectionState.Negotiating, ConnectionState.Authenticating),
            (ConnectionState.Negotiating, ConnectionState.Ready),
            (ConnectionState.Authenticating, ConnectionState.Ready),
        };
        foreach (ConnectionState from in new[] { ConnectionState.Connecting, ConnectionState.Negotiating, ConnectionState.Authenticating, ConnectionState.Ready })
        {
            allowed.Add((from, ConnectionState.Broken));
            allowed.Add((from, ConnectionState.Closed));
        }

        ConnectionState[] all = Enum.GetValues<ConnectionState>();
        Assert.Multiple(() =>
        {
            foreach (ConnectionState from in all)
            {
                foreach (ConnectionState to in all)
                {
                    Assert.That(ConnectionStates.CanMove(from, to), Is.EqualTo(allowed.Contains((from, to))), $"{from} -> {to}");
                }
            }
        });
    }

    [Test]
    public async Task Opening_goes_from_connecting_through_negotiating_to_ready()
    {
        _cluster.DelayResponses(ApiKey.ApiVersions, TimeSpan.FromMilliseconds(500));
        KafkaConnection connection = Create(_cluster.PortOf(1));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Connecting));
        Task open = connection.OpenAsync(CancellationToken.None);
        await WaitForAsync(() => connection.State == ConnectionState.Negotiating);
        Assert.That(open.IsCompleted, Is.False, "ApiVersions is still unanswered");
        await open.WaitAsync(Patience);
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Ready));
        Assert.That(connection.IsOpen, Is.True);
        await connection.DisposeAsync();
    }

    [Test]
    public async Task A_refused_connect_leaves_it_broken_with_the_reason()
    {
        string[] refused = RefusedAddress.Next().Split(':');
        KafkaConnection connection = Create(int.Parse(refused[1], System.Globalization.CultureInfo.InvariantCulture));
        var error = Assert.ThrowsAsync<KafkaException>(() => connection.OpenAsync(CancellationToken.None).WaitAsync(Patience));
        Assert.That(error!.Message, Does.Contain("Cannot connect to broker"));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Broken));
        Assert.That(connection.Closed.IsCompleted, Is.True);
        await connection.DisposeAsync();
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Broken), "a dispose after a failure keeps the failure");
    }

    [Test]
    public async Task Disposed_before_it_connects_it_is_closed_and_opening_fails_with_that_reason()
    {
        KafkaConnection connection = Create(_cluster.PortOf(1));
        await connection.DisposeAsync();
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
        var error = Assert.ThrowsAsync<KafkaException>(() => connection.OpenAsync(CancellationToken.None).WaitAsync(Patience));
        Assert.That(error!.Message, Does.Contain("closed by the client"));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
    }

    [Test]
    public async Task Disposed_while_negotiating_the_open_ends_at_once_not_at_the_connect_timeout()
    {
        _cluster.DelayResponses(ApiKey.ApiVersions, TimeSpan.FromSeconds(30));
        KafkaConnection connection = Create(_cluster.PortOf(1), connectTimeout: TimeSpan.FromSeconds(60));
        Task open = connection.OpenAsync(CancellationToken.None);
        await WaitForAsync(() => connection.State == ConnectionState.Negotiating);
        await connection.DisposeAsync();
        var error = Assert.ThrowsAsync<KafkaException>(() => open.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.That(error!.Message, Does.Contain("closed by the client"));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
    }

    [Test]
    public async Task A_broker_that_never_answers_api_versions_fails_with_a_clear_error_within_the_connect_timeout()
    {
        _cluster.DelayResponses(ApiKey.ApiVersions, TimeSpan.FromSeconds(10));
        KafkaConnection connection = Create(_cluster.PortOf(1), connectTimeout: TimeSpan.FromMilliseconds(300));
        var error = Assert.ThrowsAsync<KafkaException>(() => connection.OpenAsync(CancellationToken.None).WaitAsync(Patience));
        Assert.That(error!.Message, Does.Contain("did not answer ApiVersions within 300 ms"));
        Assert.That(error.Error, Is.EqualTo(ErrorCode.NetworkException), "retriable: the broker may be starting");
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Broken));
        await connection.DisposeAsync();
    }

    [Test]
    public async Task An_open_cancelled_by_its_caller_is_closed_and_throws_the_cancellation()
    {
        _cluster.DelayResponses(ApiKey.ApiVersions, TimeSpan.FromSeconds(30));
        KafkaConnection connection = Create(_cluster.PortOf(1));
        using var cancel = new CancellationTokenSource();
        Task open = connection.OpenAsync(cancel.Token);
        await WaitForAsync(() => connection.State == ConnectionState.Negotiating);
        await cancel.CancelAsync();
        Assert.That(async () => await open.WaitAsync(TimeSpan.FromSeconds(5)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
        await connection.DisposeAsync();
    }

    [Test]
    public async Task Ready_then_broken_when_the_broker_drops_it_and_sends_fail_with_the_reason()
    {
        KafkaConnection connection = await OpenAsync();
        await _cluster.DropConnectionsAsync(1);
        await connection.Closed.WaitAsync(Patience);
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Broken));
        var error = Assert.ThrowsAsync<KafkaException>(() => connection.SendAsync(new MetadataRequest { Topics = [] }, CancellationToken.None));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.NetworkException));
        Assert.That(error.Message, Does.Contain("closed the connection"));

        await connection.DisposeAsync();
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Broken), "closing a broken connection keeps why it broke");
    }

    [Test]
    public async Task Ready_then_closed_by_dispose_and_sends_fail_saying_the_client_closed_it()
    {
        KafkaConnection connection = await OpenAsync();
        await connection.DisposeAsync();
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
        Assert.That(connection.Closed.IsCompleted, Is.True);
        var error = Assert.ThrowsAsync<KafkaException>(() => connection.SendAsync(new MetadataRequest { Topics = [] }, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("closed by the client"));

        await _cluster.DropConnectionsAsync(1);
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed), "a failure after the close changes nothing");
    }

    [Test]
    public async Task Sends_racing_a_break_each_complete_with_an_answer_or_the_break_never_a_hang()
    {
        KafkaConnection connection = await OpenAsync();
        Task<MetadataResponse>[] sends = [.. Enumerable.Range(0, 300).Select(i => Task.Run(() => connection.SendAsync(new MetadataRequest { Topics = [] }, CancellationToken.None)))];
        await Task.WhenAny(sends);
        await _cluster.DropConnectionsAsync(1);
        try
        {
            await Task.WhenAll(sends).WaitAsync(Patience);
        }
        catch (KafkaException)
        {
        }

        Assert.That(sends.All(s => s.IsCompleted), Is.True, "no send hangs");
        Exception[] others = [.. sends.Where(s => s.IsFaulted).Select(s => s.Exception!.InnerException!).Where(e => e is not KafkaException { Error: ErrorCode.NetworkException })];
        Assert.That(others, Is.Empty, "a send either got its answer or the connection's failure");
        Assert.That(sends.Count(s => s.IsCompletedSuccessfully), Is.GreaterThan(0));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Broken));
        await connection.DisposeAsync();
    }

    [Test]
    public async Task Sends_without_a_response_racing_a_break_each_complete_written_or_failed()
    {
        // As Produce with acks=0: complete once flushed, or fail with the break when the flush cannot happen.
        KafkaConnection connection = await OpenAsync();
        short version = connection.VersionFor(ApiKey.Metadata);
        Task[] sends = [.. Enumerable.Range(0, 300).Select(i => Task.Run(() => connection.SendWithoutResponseAsync(new MetadataRequest { Topics = [] }, version, CancellationToken.None)))];
        await Task.WhenAny(sends);
        await _cluster.DropConnectionsAsync(1);
        try
        {
            await Task.WhenAll(sends).WaitAsync(Patience);
        }
        catch (KafkaException)
        {
        }

        Assert.That(sends.All(s => s.IsCompleted), Is.True, "no send hangs");
        Exception[] others = [.. sends.Where(s => s.IsFaulted).Select(s => s.Exception!.InnerException!).Where(e => e is not KafkaException { Error: ErrorCode.NetworkException })];
        Assert.That(others, Is.Empty);
        await connection.DisposeAsync();
    }

    [Test]
    public async Task Disposing_a_connection_slot_while_it_negotiates_does_not_wait_for_the_connect_timeout()
    {
        _cluster.DelayResponses(ApiKey.ApiVersions, TimeSpan.FromSeconds(30));
        var settings = new ClusterSettings(
            [], Settings(TimeSpan.FromSeconds(60)), TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1),
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), AllowAutoCreateTopics: false, NullLoggerFactory.Instance);
        var slot = new BrokerConnectionSlot(1, settings, NullLogger.Instance) { Address = new BrokerAddress("127.0.0.1", _cluster.PortOf(1)) };
        Task<KafkaConnection> get = slot.GetAsync(CancellationToken.None);
        await Task.Delay(300);
        await slot.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(async () => await get.WaitAsync(TimeSpan.FromSeconds(5)), Throws.InstanceOf<KafkaException>().With.Message.Contains("closed by the client"));
    }

    private static ConnectionSettings Settings(TimeSpan connectTimeout) =>
        new("state-test", TimeSpan.FromSeconds(30), connectTimeout, MaxInFlight: 5);

    private static KafkaConnection Create(int port, TimeSpan? connectTimeout = null) =>
        KafkaConnection.Create(new BrokerAddress("127.0.0.1", port), 0, Settings(connectTimeout ?? TimeSpan.FromSeconds(10)), NullLogger.Instance);

    private async Task<KafkaConnection> OpenAsync() =>
        await KafkaConnection.ConnectAsync(new BrokerAddress("127.0.0.1", _cluster.PortOf(1)), 0, Settings(TimeSpan.FromSeconds(10)), NullLogger.Instance, CancellationToken.None);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
