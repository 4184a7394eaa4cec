using System.Collections;
using Kafka.Client.Protocol.Tests.Generated;
using Kafka.Client.Protocol.Tests.Messages;

namespace Kafka.Client.Protocol.Tests.Fuzz;

/// <summary>
/// The allocation budget of <see cref="DecoderFuzzTests"/> (64 bytes per input byte plus 64 KiB) checked on the
/// frames that stress it most: valid messages whose arrays hold many default (smallest) elements, so the decoder
/// creates as many objects per input byte as the schema allows. Random frames are too small to reach this.
/// </summary>
public class DenseFrameAllocationTests
{
    private const int Elements = 1000;

    [Test]
    public void Valid_frames_dense_with_array_elements_stay_within_the_decoder_allocation_budget()
    {
        var overBudget = new List<string>();
        double worstRatio = 0;
        string worst = "";
        int frames = 0;

        foreach (var (name, lowest, highest) in MessageSamples.All)
        {
            Type type = typeof(KafkaApis).Assembly.GetType($"Kafka.Client.Protocol.Messages.{name}")!;
            for (short version = lowest; version <= highest; version++)
            {
                for (int depth = 0; depth <= 1; depth++)
                {
                    var message = (IKafkaMessage)Activator.CreateInstance(type)!;
                    if (!FillLists(message, 0, depth))
                    {
                        continue;
                    }

                    byte[] frame;
                    try
                    {
                        frame = RoundTripTests.Encode(message, version);
                    }
                    catch (KafkaProtocolException)
                    {
                        continue; // an array this version does not have
                    }

                    Decode(name, frame, version); // warm up
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    Decode(name, frame, version);
                    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    frames++;

                    double ratio = (double)allocated / frame.Length;
                    if (ratio > worstRatio)
                    {
                        worstRatio = ratio;
                        worst = $"{name} v{version}, arrays at depth {depth}: {allocated} bytes for a {frame.Length}-byte frame";
                    }

                    if (allocated > (64L * frame.Length) + (64 * 1024))
                    {
                        overBudget.Add($"{name} v{version}, arrays at depth {depth}: {allocated} bytes for a {frame.Length}-byte frame");
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"{frames} dense frames; most allocation per input byte: {worstRatio:F1} ({worst}).");
        Assert.That(frames, Is.GreaterThan(500));
        Assert.That(overBudget, Is.Empty);
    }

    private static void Decode(string name, byte[] frame, short version)
    {
        var reader = new KafkaReader(new ReadOnlyMemory<byte>(frame));
        MessageSamples.Read(name, ref reader, version);
    }

    /// <summary>
    /// Fills every array at <paramref name="target"/> levels below <paramref name="message"/> with
    /// <see cref="Elements"/> default elements (one element on the way down). False when there is no such array.
    /// </summary>
    private static bool FillLists(object message, int depth, int target)
    {
        bool filled = false;
        foreach (var property in message.GetType().GetProperties())
        {
            Type listType = property.PropertyType;
            if (!property.CanWrite || !listType.IsGenericType || listType.GetGenericTypeDefinition() != typeof(List<>))
            {
                continue;
            }

            Type elementType = listType.GetGenericArguments()[0];
            if (elementType == typeof(RawTaggedField))
            {
                continue;
            }

            var list = (IList)Activator.CreateInstance(listType)!;
            int count = depth == target ? Elements : 1;
            for (int i = 0; i < count; i++)
            {
                object? element = elementType == typeof(string) ? "" : Activator.CreateInstance(elementType);
                if (depth < target && element is not null && !elementType.IsValueType)
                {
                    filled |= FillLists(element, depth + 1, target);
                }

                list.Add(element);
            }

            filled |= depth == target;
            property.SetValue(message, list);
        }

        return filled;
    }
}
