using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadDesk.Core.Data;

/// <summary>All times are UTC; SQLite hands them back unspecified and Npgsql insists on UTC going in.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
