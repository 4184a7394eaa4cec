using System.CommandLine;
using Kafka.Client.Cli.Acls;
using Kafka.Client.Cli.Options;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Commands;

/// <summary>
/// <c>kafka acls</c>: Kafka's <c>kafka-acls.sh</c>. Adds, lists and removes ACLs with the same flags:
/// <c>--allow-principal</c>/<c>--deny-principal</c>, <c>--operation</c>, <c>--topic</c>/<c>--group</c>/<c>--cluster</c>/<c>--transactional-id</c>,
/// <c>--resource-pattern-type</c>, and the <c>--producer</c>/<c>--consumer</c> shortcuts.
/// </summary>
internal static class AclsCommand
{
    public static Command Create()
    {
        Option<string> bootstrapServer = ClusterOptions.BootstrapServer();
        Option<FileInfo> commandConfig = ClusterOptions.CommandConfig();
        Option<int> timeout = ClusterOptions.Timeout();
        var actions = new ActionFlags(
            ("--add", "Add the ACLs the other flags describe."),
            ("--list", "List ACLs, of the resources given or all."),
            ("--remove", "Remove the ACLs the other flags select."));
        Option<string[]> allowPrincipal = Many("--allow-principal", "PRINCIPAL", "A principal allowed, as User:NAME (User:* for everyone).");
        Option<string[]> denyPrincipal = Many("--deny-principal", "PRINCIPAL", "A principal denied, as User:NAME.");
        Option<string[]> allowHost = Many("--allow-host", "HOST", "A host the allowed principals may come from (default *).");
        Option<string[]> denyHost = Many("--deny-host", "HOST", "A host the denied principals are refused from (default *).");
        Option<string[]> operation = Many("--operation", "OPERATION", "An operation: Read, Write, Create, Delete, Alter, Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite, All (default All).");
        Option<string[]> topic = Many("--topic", "TOPIC", "A topic (* for all topics).");
        Option<string[]> group = Many("--group", "GROUP", "A consumer group (* for all groups).");
        Option<string[]> transactionalId = Many("--transactional-id", "ID", "A transactional id (* for all).");
        var cluster = new Option<bool>("--cluster") { Description = "The cluster." };
        var patternType = new Option<string>("--resource-pattern-type") { HelpName = "TYPE", Description = "literal or prefixed (with --add); any or match also with --list and --remove.", DefaultValueFactory = _ => "literal" };
        var principal = new Option<string?>("--principal") { HelpName = "PRINCIPAL", Description = "With --list: only this principal's ACLs." };
        var producer = new Option<bool>("--producer") { Description = "The ACLs of a producer: Write, Describe and Create on the topics (and Write, Describe on the transactional ids)." };
        var consumer = new Option<bool>("--consumer") { Description = "The ACLs of a consumer: Read and Describe on the topics, Read on the groups." };
        var idempotent = new Option<bool>("--idempotent") { Description = "With --producer: IdempotentWrite on the cluster." };
        var force = new Option<bool>("--force") { Description = "Accepted for kafka-acls.sh compatibility; nothing is ever asked." };

        var command = new Command("acls", "Add, list and remove ACLs, as kafka-acls.sh does.")
        {
            bootstrapServer, commandConfig, timeout, allowPrincipal, denyPrincipal, allowHost, denyHost, operation, topic, group,
            transactionalId, cluster, patternType, principal, producer, consumer, idempotent, force,
        };
        actions.AddTo(command);
        actions.Allow(command, principal, "--list");
        foreach (Option option in (Option[])[producer, consumer, idempotent])
        {
            actions.Allow(command, option, "--add", "--remove");
        }

        command.SetAction((parse, cancellationToken) => ToolErrors.RunAsync(cancellationToken, async token =>
        {
            ResourcePatternType pattern = AclText.PatternType(parse.GetValue(patternType)!);
            var resources = new List<ResourcePattern>();
            resources.AddRange((parse.GetValue(topic) ?? []).Select(t => new ResourcePattern(ResourceType.Topic, t, pattern)));
            resources.AddRange((parse.GetValue(group) ?? []).Select(g => new ResourcePattern(ResourceType.Group, g, pattern)));
            resources.AddRange((parse.GetValue(transactionalId) ?? []).Select(t => new ResourcePattern(ResourceType.TransactionalId, t, pattern)));
            if (parse.GetValue(cluster))
            {
                resources.Add(new ResourcePattern(ResourceType.Cluster, ResourcePattern.ClusterName, ResourcePatternType.Literal));
            }

            AdminClientOptions options = await ClusterOptions.AdminAsync(
                parse.GetValue(bootstrapServer)!, parse.GetValue(commandConfig), parse.GetValue(timeout), token).ConfigureAwait(false);
            var service = new AclService(options, Console.Out);
            await using (service.ConfigureAwait(false))
            {
                string chosen = actions.Chosen(parse);
                if (chosen == "--list")
                {
                    await service.ListAsync([.. resources.Select(r => new ResourcePatternFilter(r.Type, r.Name, r.PatternType))], parse.GetValue(principal), token).ConfigureAwait(false);
                    return 0;
                }

                if (chosen == "--remove" && parse.GetValue(allowPrincipal) is not { Length: > 0 } && parse.GetValue(denyPrincipal) is not { Length: > 0 })
                {
                    // kafka-acls.sh --remove --topic T: every ACL of the resources.
                    await service.RemoveAsync([.. resources.Select(r => new AclBindingFilter(new ResourcePatternFilter(r.Type, r.Name, r.PatternType), AccessControlEntryFilter.Any))], token).ConfigureAwait(false);
                    return 0;
                }

                List<AclBinding> acls = AclRequests.Bindings(
                    resources,
                    Entries(parse.GetValue(allowPrincipal), parse.GetValue(allowHost), AclPermissionType.Allow)
                        .Concat(Entries(parse.GetValue(denyPrincipal), parse.GetValue(denyHost), AclPermissionType.Deny)).ToList(),
                    [.. (parse.GetValue(operation) is { Length: > 0 } ops ? ops : ["All"]).Select(AclText.Operation)],
                    new AclRequests.Shortcuts(parse.GetValue(producer), parse.GetValue(consumer), parse.GetValue(idempotent)));
                if (chosen == "--add")
                {
                    if (pattern is not (ResourcePatternType.Literal or ResourcePatternType.Prefixed))
                    {
                        throw new UsageException("A --resource-pattern-type of literal or prefixed is needed with --add.");
                    }

                    await service.AddAsync(acls, token).ConfigureAwait(false);
                }
                else
                {
                    await service.RemoveAsync([.. acls.Select(AclBindingFilter.For)], token).ConfigureAwait(false);
                }
            }

            return 0;
        }));
        return command;
    }

    private static IEnumerable<(string Principal, string Host, AclPermissionType Permission)> Entries(string[]? principals, string[]? hosts, AclPermissionType permission) =>
        from p in principals ?? []
        from h in hosts is { Length: > 0 } ? hosts : ["*"]
        select (p, h, permission);

    private static Option<string[]> Many(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
