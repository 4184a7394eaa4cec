using System.Buffers.Binary;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>A request the SASL gate must refuse before authentication.</summary>
public enum GatedApi
{
    Metadata,
    Produce,
    Fetch,
    FindCoordinator,
    CreateTopics,
    DescribeCluster,
}

/// <summary>
/// The gate of the SASL listeners, over real sockets: before a SASL exchange succeeds, a client may send ApiVersions,
/// SaslHandshake and SaslAuthenticate and nothing else (Kafka's <c>SaslServerAuthenticator</c>); anything else closes
/// the connection unanswered. Each refused request is first sent to the PLAINTEXT listener, where it must be answered,
/// so the close is the gate's doing and not a malformed request's.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SaslGateTests
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private EmbeddedKafkaCluster _cluster = null!;

    public static IEnumerable<string> SaslListeners => SecureClusters.SaslListeners;

    [OneTimeSetUp]
    public async Task StartClusterAsync() => _cluster = await SecureClusters.StartAsync();

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    private static (IKafkaRequest Request, short Version) Gated(GatedApi api)
    {
        string topic = "gate-" + Guid.NewGuid().ToString("N")[..12];
        return api switch
        {
            GatedApi.Metadata => (new MetadataRequest { Topics = null }, 12),
            GatedApi.Produce => (new ProduceRequest
            {
                Acks = 1,
                TimeoutMs = 5_000,
                TopicData =
                [
                    new ProduceRequest.TopicProduceData
                    {
                        Name = topic,
                        PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = Batches.Build(1) }],
                    },
                ],
            }, 9),
            GatedApi.Fetch => (new FetchRequest
            {
                ReplicaId = -1,
                MaxWaitMs = 0,
                MinBytes = 1,
                MaxBytes = 1024 * 1024,
                SessionEpoch = -1,
                Topics =
                [
                    new FetchRequest.FetchTopic
                    {
                        Topic = topic,
                        Partitions = [new FetchRequest.FetchPartition { Partition = 0, FetchOffset = 0, PartitionMaxBytes = 1024 * 1024 }],
                    },
                ],
            }, 12),
            GatedApi.FindCoordinator => (new FindCoordinatorRequest { KeyType = 0, CoordinatorKeys = ["group-" + topic] }, 4),
            GatedApi.CreateTopics => (new CreateTopicsRequest
            {
                TimeoutMs = 5_000,
                Topics = [new CreateTopicsRequest.CreatableTopic { Name = topic, NumPartitions = 1, ReplicationFactor = 1 }],
            }, 7),
            GatedApi.DescribeCluster => (new DescribeClusterRequest(), 1),
            _ => throw new ArgumentOutOfRangeException(nameof(api)),
        };
    }

    /// <summary>Asserts the request is answered on the PLAINTEXT listener: a frame with its correlation id comes back.</summary>
    private async Task AssertAnsweredInTheClearAsync(GatedApi api)
    {
        (IKafkaRequest request, short version) = Gated(api);
        await using ListenerConnection plain = await ListenerConnection.OpenAsync(_cluster, "PLAINTEXT");
        int correlationId = await plain.WriteAsync(request, version);
        byte[] answer = await plain.ReadFrameAsync();
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(answer), Is.EqualTo(correlationId), $"{api} v{version} is served on PLAINTEXT");
    }

    [Test]
    public async Task A_request_sent_first_closes_the_connection_unanswered(
        [ValueSource(nameof(SaslListeners))] string listener, [Values] GatedApi api)
    {
        await AssertAnsweredInTheClearAsync(api);

        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        (IKafkaRequest request, short version) = Gated(api);
        await client.WriteAsync(request, version);
        Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True, $"{api} before authentication must close the connection, unanswered");
    }

    [Test]
    public async Task ApiVersions_and_SaslHandshake_are_answered_but_Metadata_before_SaslAuthenticate_closes(
        [ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        var versions = await client.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "fuzz", ClientSoftwareVersion = "1" }, 3);
        Assert.That((ErrorCode)versions.ErrorCode, Is.EqualTo(ErrorCode.None));
        Assert.That(versions.ApiKeys.Select(k => (ApiKey)k.ApiKey), Does.Contain(ApiKey.SaslHandshake).And.Contain(ApiKey.SaslAuthenticate).And.Contain(ApiKey.Metadata));

        var handshake = await client.SendAsync<SaslHandshakeResponse>(new SaslHandshakeRequest { Mechanism = "PLAIN" }, 1);
        Assert.That((ErrorCode)handshake.ErrorCode, Is.EqualTo(ErrorCode.None));
        Assert.That(handshake.Mechanisms, Is.EquivalentTo(SecureClusters.EnabledMechanisms));

        await SecureClusters.AssertMetadataRefusedAsync(client, "Metadata after SaslHandshake but before SaslAuthenticate");
    }

    [Test]
    public async Task Metadata_in_the_middle_of_a_SCRAM_exchange_closes_the_connection(
        [ValueSource(nameof(SaslListeners))] string listener, [Values("SCRAM-SHA-256", "SCRAM-SHA-512")] string mechanism)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await SecureClusters.HandshakeAsync(client, mechanism);
        var scram = new ScramClient(mechanism, SecureClusters.User, SecureClusters.Password);
        var first = await client.SendAsync<SaslAuthenticateResponse>(new SaslAuthenticateRequest { AuthBytes = scram.ClientFirst() }, 2);
        Assert.That((ErrorCode)first.ErrorCode, Is.EqualTo(ErrorCode.None), first.ErrorMessage);
        scram.ReadServerFirst(first.AuthBytes.Span);

        await SecureClusters.AssertMetadataRefusedAsync(client, "Metadata between SCRAM's first and final messages");
    }

    [Test]
    public async Task After_a_correct_login_requests_are_served(
        [ValueSource(nameof(SaslListeners))] string listener, [Values("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")] string mechanism)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        await SecureClusters.HandshakeAsync(client, mechanism);
        if (mechanism == "PLAIN")
        {
            var plain = await client.SendAsync<SaslAuthenticateResponse>(new SaslAuthenticateRequest { AuthBytes = SecureClusters.PlainToken(SecureClusters.User, SecureClusters.Password) }, 2);
            Assert.That((ErrorCode)plain.ErrorCode, Is.EqualTo(ErrorCode.None), plain.ErrorMessage);
        }
        else
        {
            var scram = new ScramClient(mechanism, SecureClusters.User, SecureClusters.Password);
            var first = await client.SendAsync<SaslAuthenticateResponse>(new SaslAuthenticateRequest { AuthBytes = scram.ClientFirst() }, 2);
            Assert.That((ErrorCode)first.ErrorCode, Is.EqualTo(ErrorCode.None), first.ErrorMessage);
            scram.ReadServerFirst(first.AuthBytes.Span);
            var final = await client.SendAsync<SaslAuthenticateResponse>(new SaslAuthenticateRequest { AuthBytes = scram.ClientFinal() }, 2);
            Assert.That((ErrorCode)final.ErrorCode, Is.EqualTo(ErrorCode.None), final.ErrorMessage);
            scram.AssertServerFinal(final.AuthBytes.Span);
        }

        await SecureClusters.AssertMetadataServedAsync(client);
        var created = await client.SendAsync<CreateTopicsResponse>(Gated(GatedApi.CreateTopics).Request, 7);
        Assert.That((ErrorCode)created.Topics[0].ErrorCode, Is.EqualTo(ErrorCode.None));
    }

    [Test]
    public async Task An_unknown_mechanism_is_refused_with_the_enabled_list_and_the_connection_closed(
        [ValueSource(nameof(SaslListeners))] string listener,
        [Values(0, 1)] short version,
        [Values("GSSAPI", "OAUTHBEARER", "plain", "", "SCRAM-SHA-1", "PLAIN\0")] string mechanism)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        var handshake = await client.SendAsync<SaslHandshakeResponse>(new SaslHandshakeRequest { Mechanism = mechanism }, version);
        Assert.That((ErrorCode)handshake.ErrorCode, Is.EqualTo(ErrorCode.UnsupportedSaslMechanism));
        Assert.That(handshake.Mechanisms, Is.EquivalentTo(SecureClusters.EnabledMechanisms));
        Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True, "Kafka closes the connection after UNSUPPORTED_SASL_MECHANISM");
    }

    [Test]
    public async Task SaslHandshake_on_a_listener_without_SASL_answers_ILLEGAL_SASL_STATE([Values("PLAINTEXT", "SSL")] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        var handshake = await client.SendAsync<SaslHandshakeResponse>(new SaslHandshakeRequest { Mechanism = "PLAIN" }, 1);
        Assert.That((ErrorCode)handshake.ErrorCode, Is.EqualTo(ErrorCode.IllegalSaslState));
        Assert.That(handshake.Mechanisms, Is.Empty);
        await SecureClusters.AssertMetadataServedAsync(client);
    }

    /// <summary>
    /// Requests written in one go, before any answer: the broker takes them in order, so a Metadata queued behind a
    /// failed SaslAuthenticate (or behind a handshake alone) is never served, and one behind a good login is.
    /// </summary>
    [Test]
    public async Task Pipelined_requests_are_gated_in_order(
        [ValueSource(nameof(SaslListeners))] string listener, [Values("no login", "failed login", "good login")] string login)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        using var buffer = new PooledBufferWriter();
        KafkaFrame.WriteRequest(buffer, new ApiVersionsRequest(), 0, 1, "pipelined");
        KafkaFrame.WriteRequest(buffer, new SaslHandshakeRequest { Mechanism = "PLAIN" }, 1, 2, "pipelined");
        if (login != "no login")
        {
            string password = login == "good login" ? SecureClusters.Password : "wrong";
            KafkaFrame.WriteRequest(buffer, new SaslAuthenticateRequest { AuthBytes = SecureClusters.PlainToken(SecureClusters.User, password) }, 2, 3, "pipelined");
        }

        KafkaFrame.WriteRequest(buffer, new MetadataRequest { Topics = null }, 12, 4, "pipelined");
        await client.Stream.WriteAsync(buffer.WrittenMemory);
        await client.Stream.FlushAsync();

        var answered = new List<int>();
        MetadataResponse? metadata = null;
        while (true)
        {
            byte[] frame;
            try
            {
                frame = await client.ReadFrameAsync();
            }
            catch (Exception e) when (e is IOException or EndOfStreamException)
            {
                break;
            }

            answered.Add(BinaryPrimitives.ReadInt32BigEndian(frame));
            if (answered[^1] == 4)
            {
                var reader = new KafkaReader(frame.AsMemory());
                KafkaFrame.ReadResponseHeader(ref reader, ApiKey.Metadata, 12);
                metadata = MetadataResponse.Read(ref reader, 12);
                break;
            }
        }

        switch (login)
        {
            case "good login":
                Assert.That(answered, Is.EqualTo(new[] { 1, 2, 3, 4 }), "correlation ids answered, in order");
                Assert.That(metadata!.Brokers, Has.Count.EqualTo(1), "Metadata behind a good login is served");
                return;
            case "failed login":
                // Kafka closes after the failure's answer: what follows is not read.
                Assert.That(answered, Is.EqualTo(new[] { 1, 2, 3 }), "correlation ids answered, in order");
                break;
            default:
                // Kafka answers a request in the middle of the exchange with its error response, then closes.
                Assert.That(answered, Is.EqualTo(new[] { 1, 2 }).Or.EqualTo(new[] { 1, 2, 4 }), "correlation ids answered, in order");
                Assert.That(metadata?.Brokers ?? [], Is.Empty, "Metadata behind a bare handshake is not served");
                break;
        }

        Assert.That(await client.IsClosedByBrokerAsync(CloseTimeout), Is.True);
    }

    public static IEnumerable<TestCaseData> PreAuthenticationApis()
    {
        foreach ((ApiKey api, short max) in new[] { (ApiKey.ApiVersions, (short)4), (ApiKey.SaslHandshake, (short)1), (ApiKey.SaslAuthenticate, (short)2) })
        {
            for (short version = 0; version <= max; version++)
            {
                yield return new TestCaseData(api, version).SetArgDisplayNames(api.ToString(), "v" + version);
            }
        }
    }

    /// <summary>
    /// The three APIs the gate lets through are decoded before authentication, so their decoding faces any client:
    /// a well-formed header with a random body (random length, random bytes) is answered or closes the connection, and
    /// the broker carries on.
    /// </summary>
    [TestCaseSource(nameof(PreAuthenticationApis))]
    public async Task A_random_body_of_a_request_the_gate_lets_through_is_answered_or_closes_the_connection(ApiKey api, short version)
    {
        var random = new Random(((int)api * 31) + version);
        for (int round = 0; round < 25; round++)
        {
            string listener = SecureClusters.SaslListeners[round % 2];
            await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
            int correlationId = 1000 + round;
            byte[] frame = RandomRequest(random, api, version, correlationId);
            await client.Stream.WriteAsync(frame);
            await client.Stream.FlushAsync();
            byte[]? answer;
            try
            {
                answer = await client.ReadFrameAsync();
            }
            catch (Exception e) when (e is IOException or EndOfStreamException)
            {
                answer = null;
            }

            if (answer is not null)
            {
                Assert.That(BinaryPrimitives.ReadInt32BigEndian(answer), Is.EqualTo(correlationId), $"round {round}: an answer carries the request's correlation id");
            }
        }

        await SecureClusters.AssertGoodClientServedAsync(_cluster, "SASL_PLAINTEXT");
    }

    /// <summary>A request frame: a valid header of <paramref name="api"/> at <paramref name="version"/>, then 0..96 random bytes.</summary>
    private static byte[] RandomRequest(Random random, ApiKey api, short version, int correlationId)
    {
        bool flexible = KafkaApis.RequestHeaderVersion(api, version) >= 2;
        byte[] body = new byte[random.Next(0, 97)];
        random.NextBytes(body);
        byte[] clientId = "fuzz"u8.ToArray();
        int headerLength = 2 + 2 + 4 + 2 + clientId.Length + (flexible ? 1 : 0);
        byte[] frame = new byte[4 + headerLength + body.Length];
        Span<byte> s = frame;
        BinaryPrimitives.WriteInt32BigEndian(s, headerLength + body.Length);
        BinaryPrimitives.WriteInt16BigEndian(s[4..], (short)api);
        BinaryPrimitives.WriteInt16BigEndian(s[6..], version);
        BinaryPrimitives.WriteInt32BigEndian(s[8..], correlationId);
        BinaryPrimitives.WriteInt16BigEndian(s[12..], (short)clientId.Length);
        clientId.CopyTo(s[14..]);
        body.CopyTo(s[(4 + headerLength)..]);
        return frame;
    }

    /// <summary>
    /// Kafka caps a frame before authentication at <c>sasl.server.max.receive.size</c> (512 KiB by default; the fix of
    /// CVE-2022-34917, Kafka 2.8.2/3.0.2/3.1.2/3.2.3): a larger size prefix closes the connection at once, so an
    /// unauthenticated client cannot make the broker buffer a request of up to <c>socket.request.max.bytes</c>.
    /// </summary>
    [Test]
    public async Task A_size_prefix_over_512_KiB_before_authentication_closes_the_connection([ValueSource(nameof(SaslListeners))] string listener)
    {
        await using ListenerConnection client = await ListenerConnection.OpenAsync(_cluster, listener);
        byte[] start = new byte[4 + 8];
        BinaryPrimitives.WriteInt32BigEndian(start, (512 * 1024) + 1);
        BinaryPrimitives.WriteInt16BigEndian(start.AsSpan(4), (short)ApiKey.SaslAuthenticate);
        BinaryPrimitives.WriteInt16BigEndian(start.AsSpan(6), 2);
        BinaryPrimitives.WriteInt32BigEndian(start.AsSpan(8), 1);
        await client.Stream.WriteAsync(start);
        await client.Stream.FlushAsync();
        Assert.That(await client.IsClosedByBrokerAsync(TimeSpan.FromSeconds(3)), Is.True,
            "an unauthenticated frame larger than sasl.server.max.receive.size (524288) must close the connection before its body is buffered");
    }
}
