// The admin, finished where its widgets leave gaps:
// - the rich-text editor's toolbar in Chinese. django-prose-editor translates its dialogs through the admin's
//   JavaScript catalog (locale/zh_Hans/LC_MESSAGES/djangojs.po) but gives its buttons fixed English titles;
// - a name for each control that widgets draw without a label (the editor's text area, the search box of a
//   multiple choice, the cells of a tabular inline), taken from the label or column heading people see.
(function () {
  var WORDS = {
    "bold": "加粗", "italic": "斜体", "underline": "下划线", "strike": "删除线",
    "subscript": "下标", "superscript": "上标", "paragraph": "正文段落",
    "unordered list": "项目符号列表", "ordered list": "编号列表", "blockquote": "引用",
    "horizontal rule": "分隔线", "insert link": "插入链接", "remove link": "取消链接",
    "undo": "撤销", "redo": "重做", "edit HTML": "编辑 HTML", "html": "HTML", "Code": "代码", "Code block": "代码块",
    "figure": "插图", "fullscreen": "全屏编辑", "Styles": "样式",
    "Insert table": "插入表格", "Add column": "插入列", "Delete column": "删除列", "Add row": "插入行",
    "Delete row": "删除行", "Delete table": "删除表格", "Merge cells": "合并单元格", "Split cell": "拆分单元格",
    "Toggle header cell": "设为表头单元格", "left": "左对齐", "center": "居中", "right": "右对齐", "justify": "两端对齐",
    "Paragraph": "正文段落", "Reset all classes": "清除样式"
  };
  function chinese(words) {
    var heading = /^heading (\d)$/i.exec(words);
    return heading ? heading[1] + " 级标题" : WORDS[words];
  }
  function reword(root) {
    root.querySelectorAll("[class*='prose'] [title]").forEach(function (button) {
      var words = chinese(button.getAttribute("title"));
      if (!words) return;
      button.setAttribute("title", words);
      if (button.hasAttribute("aria-label")) button.setAttribute("aria-label", words);
    });
    // The entries of its drop-down menus (block types, headings) are plain text.
    root.querySelectorAll("[class*='prose'] p, [class*='prose'] h2, [class*='prose'] h3, [class*='prose'] h4, [class*='prose'] code").forEach(function (entry) {
      var words = entry.childElementCount === 0 && !entry.closest("[contenteditable]") && chinese(entry.textContent.trim());
      if (words) entry.textContent = words;
    });
  }
  function labelText(id) {
    var label = id && document.querySelector("label[for='" + id + "']");
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }
  function name(control, words) {
    if (words && !control.hasAttribute("aria-label") && !control.labels?.length) control.setAttribute("aria-label", words);
  }
  function label(root) {
    root.querySelectorAll(".ProseMirror[role='textbox']").forEach(function (editor) {
      var field = editor.closest(".form-row, .fieldBox, div[class*='field-']");
      var textarea = field && field.querySelector("textarea");
      name(editor, labelText(textarea && textarea.id));
    });
    // An autocomplete's box and its text (one choice) or its search field (several) are named after the select
    // it stands for.
    var autocomplete = ".select2-search__field, .select2-selection--single, .select2-selection__rendered[role='textbox']";
    root.querySelectorAll(autocomplete).forEach(function (control) {
      var container = control.closest(".select2-container");
      var select = container && container.previousElementSibling;
      name(control, labelText(select && select.id));
    });
    root.querySelectorAll(".tabular td[class*='field-']").forEach(function (cell) {
      var column = Array.from(cell.classList).find(function (c) { return c.indexOf("field-") === 0; });
      var heading = column && cell.closest("table").querySelector("th.column-" + column.slice(6));
      var row = cell.closest("tr");
      var number = Array.from(row.parentNode.children).indexOf(row) + 1;
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
        if (heading) name(control, heading.textContent.trim() + " " + number);
      });
    });
    root.querySelectorAll(".tabular td.delete input[type=checkbox]").forEach(function (box) {
      var row = box.closest("tr");
      name(box, "删除 " + (Array.from(row.parentNode.children).indexOf(row) + 1));
    });
  }
  function finish() {
    reword(document);
    label(document);
  }
  function start() {
    finish();
    // Widgets build themselves in many small steps: finish once per frame, not once per change.
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; finish(); });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
