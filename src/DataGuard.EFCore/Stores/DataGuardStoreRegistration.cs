namespace DataGuard.EFCore.Stores;

/// <summary>Registered by <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>: the context whose model receives
/// DataGuard's own tables (keys, consents, audit).</summary>
internal sealed record DataGuardStoreRegistration(Type ContextType);
