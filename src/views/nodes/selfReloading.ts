import type { InProgressRefresh } from '../../core/deploy/refresh';
import { inProgressPoller, type ExplorerServices } from '../services';
import { ListFolderNode, type ListSpec } from './listFolder';
import type { ExplorerNode } from './node';

/**
 * A list that reloads itself with the explorer's back-off while an item it shows is not final (a deployment in
 * progress), until each is, the view hides or the connection changes. The poller is registered with the connection
 * only while a reload is planned, so folders made again and again leave nothing behind.
 */
export abstract class SelfReloadingListFolder<T> extends ListFolderNode<T> {
  private readonly poller: InProgressRefresh;

  /** `logReload` writes to the log which list reloads; `afterReload` runs after each reload the poller starts. */
  constructor(parent: ExplorerNode, spec: ListSpec<T>, services: ExplorerServices, logReload: () => void, afterReload?: () => void) {
    const onLoaded = spec.onLoaded;
    super(parent, {
      ...spec,
      onLoaded: (folder) => {
        onLoaded?.(folder);
        (folder as SelfReloadingListFolder<T>).settle();
      },
    }, services);
    this.poller = inProgressPoller(services, () => {
      logReload();
      super.refresh();
      afterReload?.();
    });
  }

  /** True while an item shown here is not final. */
  abstract get unsettled(): boolean;

  private settle(): void {
    if (this.unsettled) this.poller.schedule();
    else this.poller.restart();
  }

  override refresh(): void {
    this.poller.restart();
    super.refresh();
  }

  override reset(): void {
    this.poller.stop();
    super.reset();
  }
}
