import * as vscode from 'vscode';
import type { ResourceInfo } from '../../aws/types';
import { esc, md, shortArn } from '../format';
import type { VersionNode } from './groups';
import type { Identifiable } from './identity';
import { ExplorerNode } from './node';

export class ResourceNode extends ExplorerNode implements Identifiable {
  constructor(parent: ExplorerNode, readonly resource: ResourceInfo, readonly version: VersionNode) {
    super(parent, `resource:${resource.id}`);
  }

  get isMl(): boolean {
    return this.resource.type === 'mlS3' || this.resource.type === 'mlSageMaker';
  }

  arn(): string | undefined {
    return this.resource.s3Uri ?? this.resource.sageMakerJobArn ?? this.resource.secretArn;
  }

  resourceId(): string | undefined {
    return this.resource.id;
  }

  toTreeItem(): vscode.TreeItem {
    const r = this.resource;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.None);
    item.contextValue = this.isMl ? `greengrassMl:mlResource.${r.type}` : 'greengrassMl:resource';
    const owner = r.ownerSetting ? vscode.l10n.t('owner {0}:{1}', r.ownerSetting.groupOwner ?? '?', r.ownerSetting.groupPermission ?? '?') : undefined;
    let source: string | undefined;
    switch (r.type) {
      case 'mlS3':
        item.iconPath = new vscode.ThemeIcon('file-zip');
        source = r.s3Uri;
        item.description = [r.s3Uri, r.destinationPath && `→ ${r.destinationPath}`].filter(Boolean).join(' ');
        break;
      case 'mlSageMaker':
        item.iconPath = new vscode.ThemeIcon('beaker');
        source = r.sageMakerJobArn;
        item.description = [vscode.l10n.t('SageMaker {0}', shortArn(r.sageMakerJobArn) ?? ''), r.destinationPath && `→ ${r.destinationPath}`].filter(Boolean).join(' ');
        break;
      case 'localDevice':
        item.iconPath = new vscode.ThemeIcon('circuit-board');
        source = r.sourcePath;
        item.description = vscode.l10n.t('device {0}', r.sourcePath ?? '');
        break;
      case 'localVolume':
        item.iconPath = new vscode.ThemeIcon('folder');
        source = r.sourcePath;
        item.description = r.destinationPath
          ? vscode.l10n.t('volume {0} → {1}', r.sourcePath ?? '', r.destinationPath)
          : vscode.l10n.t('volume {0}', r.sourcePath ?? '');
        break;
      case 'secret':
        item.iconPath = new vscode.ThemeIcon('key');
        source = r.secretArn;
        item.description = vscode.l10n.t('secret');
        break;
      default:
        item.iconPath = new vscode.ThemeIcon('question');
        item.description = vscode.l10n.t('unknown resource type');
    }
    if (this.isMl) {
      item.description = `${item.description ?? ''}${owner ? ` · ${owner}` : ''}`;
    }
    item.tooltip = md([
      `**${esc(r.name)}** (${esc(r.type)})`,
      vscode.l10n.t('Id: {0}', esc(r.id)),
      source && vscode.l10n.t('Source: {0}', esc(source)),
      r.destinationPath && vscode.l10n.t('Destination: {0}', esc(r.destinationPath)),
      this.isMl && (r.ownerSetting
        ? vscode.l10n.t('Owner setting: group {0}, permission {1}', esc(r.ownerSetting.groupOwner ?? vscode.l10n.t('missing')), esc(r.ownerSetting.groupPermission ?? vscode.l10n.t('missing')))
        : vscode.l10n.t('No owner setting: the files are readable by root only unless a function sets a permission')),
      r.groupOwnerSetting && vscode.l10n.t('Group owner: {0}', r.groupOwnerSetting.autoAddGroupOwner ? vscode.l10n.t('added automatically') : esc(r.groupOwnerSetting.groupOwner ?? vscode.l10n.t('none'))),
      r.usedBy.length ? vscode.l10n.t('Used by {0} function(s)', r.usedBy.length) : vscode.l10n.t('Not used by any function'),
      this.isMl ? vscode.l10n.t('Right-click › Reveal Model Source to show the archive or training job.') : undefined,
    ]);
    return item;
  }
}

