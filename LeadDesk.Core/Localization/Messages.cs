namespace LeadDesk.Core.Localization;

/// <summary>
/// Messages Core shows to people (validation, refusals) in the caller's language (<c>Messages.pt-BR.resx</c>). Made
/// when the message is made, so a validator's message follows whoever is being answered.
/// </summary>
public static class Messages
{
    private static readonly Translations Text = new("LeadDesk.Core.Localization.Messages", typeof(Messages).Assembly);

    public static string T(string english) => Text.T(english);

    public static string T(string english, params object?[] args) => Text.T(english, args);
}
