using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGuard.EFCore.Audit;

/// <summary>Marks the interceptors of read-access audit, registered only when reads are audited.</summary>
internal interface IAuditReadInterceptor : IInterceptor
{
}
