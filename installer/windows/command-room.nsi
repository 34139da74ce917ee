; Command Room (综合指挥室工作台) — the Windows installer, for NSIS 3 (makensis).
;
; Made on Windows from the PyInstaller one-folder tree (installer/README.md, "Windows"):
;   python installer\build.py
;   makensis /DVERSION=0.1.0 /DSOURCE=build\frozen\dist\command-room installer\windows\command-room.nsi
; which writes build\frozen\command-room-VERSION-setup.exe. makensis runs on Linux too:
; `make windows-script` compiles this script there against a placeholder tree, as its check.
;
; What it does:
;   * per-machine install into Program Files (needs an administrator), listed in
;     "Apps & features" with its version, icon and uninstaller;
;   * Start-menu and desktop shortcuts named 综合指挥室工作台, opening the window;
;   * an upgrade over an older version replaces the program files and nothing else;
;     installing an older version over a newer one asks first (silently: refused);
;   * uninstalling removes the program and its shortcuts and keeps the data folder
;     (%LOCALAPPDATA%\command-room: the database, backups) unless "Remove my data" is ticked
;     or /REMOVEDATA is given;
;   * silent install for the station's IT contact:  command-room-0.1.0-setup.exe /S [/D=C:\Path]
;     silent uninstall:  "%ProgramFiles%\Command Room\uninstall.exe" /S [/REMOVEDATA]

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "give the version: makensis /DVERSION=x.y.z (models/version.py holds it)"
!endif
!ifndef SOURCE
  !error "give the one-folder tree: makensis /DSOURCE=build\frozen\dist\command-room"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\build\frozen\command-room-${VERSION}-setup.exe"
!endif

!define PRODUCT "综合指挥室工作台"
!define PRODUCT_EN "Command Room"
!define PUBLISHER "Command Room"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CommandRoom"
!define PROGRAM "command-room-window.exe"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WordFunc.nsh"
!include "x64.nsh"
!include "Sections.nsh"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT_EN}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

; the version resource of the installer itself (Explorer: Properties → Details)
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "command-room.ico"
!define MUI_UNICON "command-room.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PROGRAM}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Chinese first, English for an English Windows
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString RunNow ${LANG_SIMPCHINESE} "现在打开综合指挥室工作台"
LangString RunNow ${LANG_ENGLISH} "Open Command Room now"
LangString NewerInstalled ${LANG_SIMPCHINESE} "本机已安装更新的版本 $0。仍要安装较旧的版本 ${VERSION} 吗？(数据不会改动)"
LangString NewerInstalled ${LANG_ENGLISH} "A newer version ($0) is installed. Install the older ${VERSION} anyway? (No data is changed.)"
LangString Running ${LANG_SIMPCHINESE} "综合指挥室工作台正在运行。请先关闭它，再点“重试”。"
LangString Running ${LANG_ENGLISH} "Command Room is running. Close it, then choose Retry."
LangString Needs64 ${LANG_SIMPCHINESE} "综合指挥室工作台需要 64 位 Windows 10 或更新版本。"
LangString Needs64 ${LANG_ENGLISH} "Command Room needs 64-bit Windows 10 or later."
LangString RemoveData ${LANG_SIMPCHINESE} "同时删除我的数据(数据库与备份)"
LangString RemoveData ${LANG_ENGLISH} "Also remove my data (database and backups)"
LangString ProgramFiles ${LANG_SIMPCHINESE} "程序文件与快捷方式"
LangString ProgramFiles ${LANG_ENGLISH} "Program files and shortcuts"

Var installed_version

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(Needs64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ; an older version is upgraded in place; a newer one is kept unless the user says so
  ReadRegStr $installed_version HKLM "${UNINSTALL_KEY}" "DisplayVersion"
  ${If} $installed_version != ""
    ${VersionCompare} "$installed_version" "${VERSION}" $1
    ${If} $1 == 1
      StrCpy $0 $installed_version
      MessageBox MB_YESNO|MB_ICONQUESTION "$(NewerInstalled)" /SD IDNO IDYES +2
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

!macro WaitUntilClosed
  ; the program's files cannot be replaced while it runs
  retry:
  ClearErrors
  FileOpen $9 "$INSTDIR\command-room.exe" a
  ${If} ${Errors}
    ${If} ${FileExists} "$INSTDIR\command-room.exe"
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(Running)" /SD IDCANCEL IDRETRY retry
      Abort
    ${EndIf}
  ${Else}
    FileClose $9
  ${EndIf}
!macroend

Section "-program"
  SetShellVarContext all
  SetRegView 64
  !insertmacro WaitUntilClosed
  ; an upgrade: the old program files go first, so no module of the older version is left
  ; beside the new ones; the data folder lives elsewhere and is never touched here
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\command-room.exe"
  Delete "$INSTDIR\${PROGRAM}"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  File "command-room.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${PROGRAM}" "" "$INSTDIR\command-room.ico" 0
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${PROGRAM}" "" "$INSTDIR\command-room.ico" 0

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT} (${PRODUCT_EN})"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\command-room.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "!un.$(ProgramFiles)" un_program
  SectionIn RO
  SetShellVarContext all
  !insertmacro WaitUntilClosed
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\command-room.exe"
  Delete "$INSTDIR\${PROGRAM}"
  Delete "$INSTDIR\command-room.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd

; not ticked unless asked: the database and its backups stay for the next installation
Section /o "un.$(RemoveData)" un_data
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\command-room"
SectionEnd

Function un.onInit
  SetRegView 64
  ; /REMOVEDATA on a silent uninstall ticks "remove my data"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${un_data}
  ${EndIf}
FunctionEnd
