using System.Collections;
using System.Reflection;

namespace Kafka.Client.Protocol.Tests.Messages;

/// <summary>Compares two generated messages property by property, recursively, and names the first difference.</summary>
internal static class MessageComparer
{
    public static string? FindDifference(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        Type type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path}: expected type {type.Name}, got {actual.GetType().Name}";
        }

        if (expected is ReadOnlyMemory<byte> em)
        {
            return em.Span.SequenceEqual(((ReadOnlyMemory<byte>)actual).Span) ? null : $"{path}: bytes differ";
        }

        if (type.IsPrimitive || expected is string || expected is KafkaUuid || expected is RawTaggedField)
        {
            if (expected is RawTaggedField er)
            {
                var ar = (RawTaggedField)actual;
                return er.Tag == ar.Tag && er.Data.Span.SequenceEqual(ar.Data.Span) ? null : $"{path}: raw tagged fields differ";
            }

            return expected.Equals(actual) ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (expected is IList el)
        {
            var al = (IList)actual;
            if (el.Count != al.Count)
            {
                return $"{path}: expected {el.Count} elements, got {al.Count}";
            }

            for (int i = 0; i < el.Count; i++)
            {
                if (FindDifference(el[i], al[i], $"{path}[{i}]") is { } d)
                {
                    return d;
                }
            }

            return null;
        }

        foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0)
            {
                continue;
            }

            if (FindDifference(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}") is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "?",
    };
}
