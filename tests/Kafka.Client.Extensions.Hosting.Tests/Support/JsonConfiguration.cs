using System.Text;
using Microsoft.Extensions.Configuration;

namespace Kafka.Client.Extensions.Hosting.Tests.Support;

/// <summary>Configuration from appsettings.json text, as a host reads it.</summary>
internal static class JsonConfiguration
{
    public static IConfigurationRoot From(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
