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
    const owner = r.ownerSetting ? `owner ${r.ownerSetting.groupOwner ?? '?'}:${r.ownerSetting.groupPermission ?? '?'}` : undefined;
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
        item.description = [`SageMaker ${shortArn(r.sageMakerJobArn) ?? ''}`, r.destinationPath && `→ ${r.destinationPath}`].filter(Boolean).join(' ');
        break;
      case 'localDevice':
        item.iconPath = new vscode.ThemeIcon('circuit-board');
        source = r.sourcePath;
        item.description = `device ${r.sourcePath ?? ''}`;
        break;
      case 'localVolume':
        item.iconPath = new vscode.ThemeIcon('folder');
        source = r.sourcePath;
        item.description = `volume ${r.sourcePath ?? ''}${r.destinationPath ? ` → ${r.destinationPath}` : ''}`;
        break;
      case 'secret':
        item.iconPath = new vscode.ThemeIcon('key');
        source = r.secretArn;
        item.description = 'secret';
        break;
      default:
        item.iconPath = new vscode.ThemeIcon('question');
        item.description = 'unknown resource type';
    }
    if (this.isMl) {
      item.description = `${item.description ?? ''}${owner ? ` · ${owner}` : ''}`;
    }
    item.tooltip = md([
      `**${esc(r.name)}** (${esc(r.type)})`,
      `Id: ${esc(r.id)}`,
      source && `Source: ${esc(source)}`,
      r.destinationPath && `Destination: ${esc(r.destinationPath)}`,
      this.isMl && (r.ownerSetting
        ? `Owner setting: group ${esc(r.ownerSetting.groupOwner ?? 'missing')}, permission ${esc(r.ownerSetting.groupPermission ?? 'missing')}`
        : 'No owner setting: the files are readable by root only unless a function sets a permission'),
      r.groupOwnerSetting && `Group owner: ${r.groupOwnerSetting.autoAddGroupOwner ? 'added automatically' : esc(r.groupOwnerSetting.groupOwner ?? 'none')}`,
      r.usedBy.length ? `Used by ${r.usedBy.length} function(s)` : 'Not used by any function',
      this.isMl ? 'Right-click › Reveal Model Source to show the archive or training job.' : undefined,
    ]);
    return item;
  }
}

