;;; eglot-probe.el --- headless Emacs/eglot LSP probe for test/clients  -*- lexical-binding: t -*-
;;
;; Emacs 28 + Debian's elpa-eglot 1.9 (the Debian 12 packages). Used by
;; test/clients/neovim.test.js ("Emacs eglot" case); same environment contract as nvim-probe.lua:
;;   PROBE_CMD         JSON array, the server command (required)
;;   PROBE_FILE        the file to open (required)
;;   PROBE_OUT         where to write the JSON result (default: stdout)
;;   PROBE_TIMEOUT_MS  wait for a non-empty publishDiagnostics (default 15000)
;;   PROBE_SETTLE_MS   then keep listening this long (default 300)
;; Run: emacs --batch -Q -l test/clients/eglot-probe.el
;; Output: {"client": ..., "diagnostics": [...last publish for the file...], "publishes": N, "elapsed_ms": ..., "error": ...}

;; Debian installs eglot and its newer dependencies (jsonrpc, project, xref, eldoc...) as elpa packages, which
;; -Q does not activate: put them on the load path first so they shadow the older built-in versions.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'json)

(defvar probe--t0 (float-time))
(defvar probe--last nil "Diagnostics vector of the last publish for our file.")
(defvar probe--count 0)
(defvar probe--result nil)

(defun probe--env (name default)
  (let ((v (getenv name))) (if (or (null v) (string= v "")) default v)))

(defun probe--ms () (round (* 1000 (- (float-time) probe--t0))))

(defun probe--emit (status)
  (let ((text (json-encode probe--result))
        (out (probe--env "PROBE_OUT" nil)))
    (if out
        (with-temp-file out (insert text "\n"))
      (princ text) (terpri))
    (kill-emacs status)))

(unless (require 'eglot nil t)
  (setq probe--result (list :error "eglot not available: (require 'eglot) failed" :publishes 0 :diagnostics []))
  (probe--emit 3))

(define-derived-mode probe-yaml-mode prog-mode "probe-yaml"
  "Stand-in major mode, so that no YAML package is needed.")

(condition-case err
    (let* ((file (expand-file-name (or (getenv "PROBE_FILE") (error "PROBE_FILE is not set"))))
           (cmd (append (json-read-from-string (or (getenv "PROBE_CMD") (error "PROBE_CMD is not set"))) nil))
           (timeout (/ (string-to-number (probe--env "PROBE_TIMEOUT_MS" "15000")) 1000.0))
           (settle (/ (string-to-number (probe--env "PROBE_SETTLE_MS" "300")) 1000.0))
           (name (file-name-nondirectory file)))
      (advice-add 'eglot-handle-notification :before
                  (lambda (_server method &rest params)
                    (when (and (eq method 'textDocument/publishDiagnostics)
                               (string-suffix-p (concat "/" name) (plist-get params :uri)))
                      (setq probe--count (1+ probe--count))
                      (setq probe--last (plist-get params :diagnostics)))))
      (setq eglot-server-programs (list (cons 'probe-yaml-mode cmd)))
      (find-file file)
      (probe-yaml-mode)
      (eglot '(probe-yaml-mode) (cons 'transient (file-name-directory file)) 'eglot-lsp-server cmd "yaml")
      (let ((deadline (+ (float-time) timeout)))
        (while (and (not (and probe--last (> (length probe--last) 0))) (< (float-time) deadline))
          (accept-process-output nil 0.05)))
      (let ((until (+ (float-time) settle)))
        (while (< (float-time) until) (accept-process-output nil 0.05)))
      (setq probe--result
            (list :client (format "emacs %s eglot %s" emacs-version
                                  (or (ignore-errors (require 'lisp-mnt)
                                                     (lm-version (locate-library "eglot.el")))
                                      "?"))
                  :diagnostics (or probe--last [])
                  :publishes probe--count
                  :elapsed_ms (probe--ms)))
      (let ((server (eglot-current-server)))
        (when server (ignore-errors (eglot-shutdown server))))
      (probe--emit 0))
  (error
   (setq probe--result (list :error (error-message-string err) :publishes probe--count
                             :diagnostics (or probe--last []) :elapsed_ms (probe--ms)))
   (probe--emit 2)))
