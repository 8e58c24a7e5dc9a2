namespace LeadDesk.Web.Components.Layout;

/// <summary>
/// A page outside the app's shell (sign-in, access denied, the error pages): static SSR in <see cref="AuthLayout"/>, whose
/// head loads Roboto and <c>css/account.css</c> only — no MudBlazor (it needs a circuit), no Bootstrap, no htmx, no script.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StandalonePageAttribute : Attribute;
