import * as vscode from 'vscode';
import type { MfaCodeRequest } from '../aws/clients';

/** Six digits, as every virtual and hardware MFA device shows them. */
const MFA_CODE = /^\d{6}$/;

/** Why a typed MFA code is not accepted yet, or undefined when it is. */
export function validateMfaCode(value: string): string | undefined {
  return MFA_CODE.test(value.trim()) ? undefined : vscode.l10n.t('Enter the 6-digit code your MFA device shows now.');
}

/**
 * Asks for the code of the MFA device an assume-role profile names (`mfa_serial`): password-style, six digits,
 * titled with the device's ARN. Resolves to undefined when the user cancels (the connection then says a code is needed).
 * `onPrompt` tells whoever waits for the credentials that the time spent here is the user's, not the endpoint's.
 */
export async function askMfaCode(request: MfaCodeRequest, onPrompt?: (open: boolean) => void): Promise<string | undefined> {
  onPrompt?.(true);
  try {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('MFA code for {0}', request.mfaSerial),
      prompt: vscode.l10n.t('The AWS profile "{0}" assumes a role that requires MFA. Enter the current code of this device: {1}', request.profile, request.mfaSerial),
      placeHolder: vscode.l10n.t('6-digit code'),
      password: true,
      ignoreFocusOut: true,
      validateInput: validateMfaCode,
    });
    return value?.trim() || undefined;
  } finally {
    onPrompt?.(false);
  }
}
