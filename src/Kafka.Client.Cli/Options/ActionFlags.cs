using System.CommandLine;

namespace Kafka.Client.Cli.Options;

/// <summary>
/// Kafka's admin scripts choose what to do by a flag (<c>--create</c>, <c>--list</c>, ...): exactly one of them must
/// be given, as <c>kafka-topics.sh</c> and <c>kafka-consumer-groups.sh</c> require.
/// </summary>
internal sealed class ActionFlags
{
    private readonly Option<bool>[] _actions;

    public ActionFlags(params (string Name, string Description)[] actions) =>
        _actions = [.. actions.Select(a => new Option<bool>(a.Name) { Description = a.Description })];

    public IReadOnlyList<Option<bool>> Options => _actions;

    /// <summary>Adds the flags to <paramref name="command"/>, and the rule that exactly one is given.</summary>
    public void AddTo(Command command)
    {
        foreach (Option<bool> action in _actions)
        {
            command.Options.Add(action);
        }

        command.Validators.Add(result =>
        {
            int given = _actions.Count(a => result.GetValue(a));
            if (given != 1)
            {
                result.AddError($"Command must include exactly one action: {string.Join(", ", _actions.Select(a => a.Name))}.");
            }
        });
    }

    /// <summary>The name of the action given, e.g. <c>--create</c>.</summary>
    public string Chosen(ParseResult parse) => _actions.First(a => parse.GetValue(a)).Name;

    /// <summary>A rule that <paramref name="option"/> is given with <paramref name="actions"/> (and only with them, unless <paramref name="onlyWith"/> is false).</summary>
    public void Require(Command command, Option option, string[] actions, bool onlyWith = true)
    {
        command.Validators.Add(result =>
        {
            string? chosen = _actions.FirstOrDefault(a => result.GetValue(a))?.Name;
            if (chosen is null)
            {
                return;
            }

            bool given = result.GetResult(option) is { Implicit: false };
            bool needed = actions.Contains(chosen);
            if (needed && !given)
            {
                result.AddError($"Option '{option.Name}' is required with {chosen}.");
            }
        });
        if (onlyWith)
        {
            Allow(command, option, actions);
        }
    }

    /// <summary>A rule that <paramref name="option"/> may only be given with <paramref name="actions"/>.</summary>
    public void Allow(Command command, Option option, params string[] actions) =>
        command.Validators.Add(result =>
        {
            string? chosen = _actions.FirstOrDefault(a => result.GetValue(a))?.Name;
            if (chosen is not null && !actions.Contains(chosen) && result.GetResult(option) is { Implicit: false })
            {
                result.AddError($"Option '{option.Name}' can only be used with {string.Join(" or ", actions)}.");
            }
        });
}
