using FluentValidation;
using LeadDesk.Core.Common;
using LeadDesk.Core.Leads;
using LeadDesk.Web.Localization;

namespace LeadDesk.Web.Api;

/// <summary>The external API's error body (seed 000).</summary>
public sealed record ExternalError(bool Success, string Error);

/// <summary>
/// The external API's messages in Brazilian Portuguese (seed 000's language, its required-fields message
/// word for word) or English, chosen by <c>Accept-Language</c>.
/// </summary>
internal static class ExternalMessages
{
    public static bool WantsPortuguese(HttpRequest request) => Languages.FromAcceptLanguage(request) == Languages.Portuguese;

    public static string For(Exception ex, HttpRequest request)
    {
        var pt = WantsPortuguese(request);
        return ex switch
        {
            ValidationException validation when MissesNameOrContact(validation) =>
                pt ? "Nome é obrigatório. Email ou Telefone também são necessários." : "Name is required. Email or phone is also required.",
            ValidationException validation => pt
                ? "Dados inválidos: " + string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct())
                : string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()),
            NotFoundException => pt ? "Lead não encontrado neste tenant." : "Lead not found in your tenant.",
            ForbiddenException => Forbidden(pt),
            ConflictException { CurrentVersion: not null } => pt ? "O lead foi alterado por outra pessoa; leia-o novamente." : "The lead changed since you read it; read it again.",
            ConflictException conflict => pt ? "Outra requisição alterou isto ao mesmo tempo; tente novamente." : conflict.Message,
            DatabaseBusyException => pt ? "O banco de dados está ocupado; nada foi salvo. Tente novamente em instantes." : ex.Message,
            _ => pt ? "Requisição inválida." : "Invalid request.",
        };
    }

    public static string Forbidden(bool pt) =>
        pt ? "Token ausente, inválido, expirado ou sem permissão para esta operação." : "Token missing, invalid, expired, or without permission for this operation.";

    private static bool MissesNameOrContact(ValidationException validation) =>
        validation.Errors.Any(e => e.ErrorCode is LeadInputValidator<LeadInput>.NameRequiredCode or LeadInputValidator<LeadInput>.ContactRequiredCode);
}
