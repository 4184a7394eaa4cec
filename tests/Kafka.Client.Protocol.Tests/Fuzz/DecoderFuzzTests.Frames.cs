using System.Text;

namespace Kafka.Client.Protocol.Tests.Fuzz;

/// <summary>How the fuzzer makes frames: random bytes and mutations of valid encodings.</summary>
public partial class DecoderFuzzTests
{
    private static readonly byte[][] HugeLengths =
    [
        [0x7F, 0xFF, 0xFF, 0xFF], // int32 max
        [0xFF, 0xFF, 0xFF, 0xFF], // -1 (null), or uint32 max
        [0x80, 0x00, 0x00, 0x00], // int32 min
        [0xFF, 0xFF, 0xFF, 0xFE], // -2
        [0x00, 0x10, 0x00, 0x00], // 1 MiB
        [0x7F, 0xFF],             // int16 max
        [0xFF, 0xFF],             // int16 -1
        [0x80, 0x00],             // int16 min
        [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], // uvarint uint32 max
        [0xFF, 0xFF, 0xFF, 0xFF, 0x07], // uvarint int32 max
        [0x80, 0x80, 0x80, 0x80, 0x08], // uvarint 2^31
    ];

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x02, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF];

    private static (byte[] Input, string How) NextFrame(Random random, Target target)
    {
        int mode = random.Next(100);
        if (mode < 15)
        {
            // Uniform noise; short frames are the likeliest to reach deep into a decoder.
            int length = random.Next(2) == 0 ? random.Next(0, 33) : random.Next(0, MaxRandomLength + 1);
            byte[] noise = new byte[length];
            random.NextBytes(noise);
            return (noise, "random bytes");
        }

        byte[] start;
        string origin;
        if (mode < 30 && target.SiblingSeeds.Length > 0)
        {
            start = target.SiblingSeeds[random.Next(target.SiblingSeeds.Length)];
            origin = "encoding of another version";
        }
        else
        {
            start = target.Seeds[random.Next(target.Seeds.Length)];
            origin = "valid encoding";
        }

        var bytes = new List<byte>(start);
        var how = new StringBuilder(origin);
        int mutations = mode < 20 ? 0 : random.Next(1, 4);
        for (int i = 0; i < mutations; i++)
        {
            how.Append(", ").Append(Mutate(random, bytes));
        }

        if (bytes.Count > 4 * MaxRandomLength)
        {
            bytes.RemoveRange(4 * MaxRandomLength, bytes.Count - (4 * MaxRandomLength));
        }

        return (bytes.ToArray(), how.ToString());
    }

    private static string Mutate(Random random, List<byte> bytes)
    {
        int position = random.Next(bytes.Count + 1);
        switch (random.Next(10))
        {
            case 0:
            {
                if (bytes.Count == 0)
                {
                    goto case 2;
                }

                int flips = random.Next(1, 5);
                for (int i = 0; i < flips; i++)
                {
                    int at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                return $"{flips} bit flips";
            }

            case 1:
            {
                int length = random.Next(bytes.Count + 1);
                bytes.RemoveRange(length, bytes.Count - length);
                return $"truncated to {length}";
            }

            case 2:
            {
                byte[] inserted = new byte[random.Next(1, 9)];
                random.NextBytes(inserted);
                bytes.InsertRange(position, inserted);
                return $"{inserted.Length} random bytes inserted at {position}";
            }

            case 3:
            {
                byte[] huge = HugeLengths[random.Next(HugeLengths.Length)];
                bytes.InsertRange(position, huge);
                return $"{Convert.ToHexString(huge)} inserted at {position}";
            }

            case 4:
            {
                byte[] huge = HugeLengths[random.Next(HugeLengths.Length)];
                for (int i = 0; i < huge.Length && position + i < bytes.Count; i++)
                {
                    bytes[position + i] = huge[i];
                }

                return $"{Convert.ToHexString(huge)} written over {position}";
            }

            case 5:
            {
                int run = random.Next(1, 13);
                var ff = Enumerable.Repeat((byte)0xFF, run).ToList();
                if (random.Next(2) == 0)
                {
                    ff.Add(InterestingBytes[random.Next(InterestingBytes.Length)]);
                }

                if (random.Next(2) == 0 || position + ff.Count > bytes.Count)
                {
                    bytes.InsertRange(position, ff);
                    return $"varint run {Convert.ToHexString(ff.ToArray())} inserted at {position}";
                }

                for (int i = 0; i < ff.Count; i++)
                {
                    bytes[position + i] = ff[i];
                }

                return $"varint run {Convert.ToHexString(ff.ToArray())} written over {position}";
            }

            case 6:
            {
                int count = Math.Min(random.Next(1, 9), bytes.Count - position);
                bytes.RemoveRange(position, count);
                return $"{count} bytes deleted at {position}";
            }

            case 7:
            {
                if (bytes.Count == 0)
                {
                    goto case 2;
                }

                int at = random.Next(bytes.Count);
                byte value = InterestingBytes[random.Next(InterestingBytes.Length)];
                bytes[at] = value;
                return $"byte {at} set to {value:X2}";
            }

            case 8:
            {
                if (bytes.Count == 0)
                {
                    goto case 2;
                }

                int from = random.Next(bytes.Count);
                int length = Math.Min(random.Next(1, 33), bytes.Count - from);
                List<byte> chunk = bytes.GetRange(from, length);
                bytes.InsertRange(position, chunk);
                return $"{length} bytes from {from} copied to {position}";
            }

            default:
            {
                // A small count or length (0..3) in place of whatever was there: empty arrays, nulls, short strings.
                if (bytes.Count == 0)
                {
                    goto case 2;
                }

                int at = random.Next(bytes.Count);
                bytes[at] = (byte)random.Next(4);
                return $"byte {at} set to {bytes[at]:X2}";
            }
        }
    }

    // ---- targets ----------------------------------------------------------------------------------------------
}
