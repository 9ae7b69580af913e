import type * as vscode from 'vscode';

/**
 * Owns the disposables of one AWS connection (clients, timers, pollers): thrown away as a whole when the
 * profile, region or endpoint changes, while the extension-lifetime ones stay in `context.subscriptions`.
 */
export class DisposableStore implements vscode.Disposable {
  private readonly items = new Set<vscode.Disposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of a disposable; disposes it at once when the store is already gone. */
  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of [...this.items].reverse()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.items.clear();
    if (errors.length) throw new AggregateError(errors, 'Some resources of the old connection could not be released');
  }
}
